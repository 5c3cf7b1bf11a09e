package io.optionchain.engine.depth;

/** The seed's advice for entering now: {@link EntryAnalysis} says which, and at what price. */
public enum EntryRecommendation {
    /** Tight spread and a deep book: take the touch. */
    ENTER_NOW,
    /** Neither tight nor wide, or the book too thin: no suggestion. */
    WAIT,
    /** The spread is wide: if entering at all, rest at the mid. */
    WAIT_FOR_TIGHTER_SPREAD
}
