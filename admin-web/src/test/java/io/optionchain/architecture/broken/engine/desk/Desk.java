package io.optionchain.architecture.broken.engine.desk;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.optionchain.architecture.broken.web.Page;

import java.net.http.HttpClient;

/** Breaks the engine's rules: it speaks HTTP and JSON, and reaches up into the web module. */
public class Desk {
    public HttpClient http;
    public ObjectMapper json;
    public Page page;
}
