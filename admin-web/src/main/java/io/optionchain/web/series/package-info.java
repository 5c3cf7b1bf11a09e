/** The day series' route: a chain's recorded points over a span of time, from the engine's series store. */
package io.optionchain.web.series;
