package io.optionchain.engine.market;

/** Call or put, spelt as in OpenAlgo symbols. */
public enum OptionType {
    CE, PE
}
