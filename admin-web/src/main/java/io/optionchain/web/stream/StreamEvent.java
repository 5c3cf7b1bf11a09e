package io.optionchain.web.stream;

/** One Server-Sent Event, serialised once and shared by every client it goes to. */
record StreamEvent(String name, String data, String id) {
}
