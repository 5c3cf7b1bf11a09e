package io.optionchain.architecture.broken.web.api;

import io.optionchain.architecture.broken.web.Page;

/** A route that reaches up into the web module's root package, which only wires: the violation. */
public class Route {
    public Page page;
}
