package io.optionchain.architecture.broken.web;

/** The top of the broken fixtures: only reached into from below, which is the violation. */
public class Page {
}
