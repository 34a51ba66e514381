package dev.rolekeeper.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The control routes' JSON as plain maps ({@link LinkedHashMap}, keys in document order), lists,
 * strings, numbers, booleans and nulls, through jackson-core's streaming API. The CLI uses this
 * rather than Vert.x's JSON types because their first use sets up Vert.x's logging, and with it
 * logback: some 300 classes for a command that lives 0.2 s.
 */
public final class ControlJson {

  private static final JsonFactory FACTORY = new JsonFactory();

  private ControlJson() {}

  /**
   * Reads one JSON object.
   *
   * @throws IllegalArgumentException when {@code text} is not a JSON object
   */
  public static Map<String, Object> parseObject(String text) {
    try (JsonParser parser = FACTORY.createParser(text)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("not a JSON object");
      }
      Map<String, Object> object = readObject(parser);
      if (parser.nextToken() != null) {
        throw new IllegalArgumentException("text after the JSON object");
      }
      return object;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code value} (a map, list, string, number, boolean or null, nested freely) as compact JSON.
   */
  public static String write(Object value) {
    StringWriter text = new StringWriter();
    try (JsonGenerator out = FACTORY.createGenerator(text)) {
      writeValue(out, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  /**
   * The member {@code key} as text: a string as it is, a number or boolean printed, absent or null
   * as null.
   */
  public static String string(Map<String, ?> object, String key) {
    Object value = object.get(key);
    return value == null ? null : value.toString();
  }

  /** The member {@code key} when it is an array, else an empty list. */
  public static List<?> list(Map<String, ?> object, String key) {
    return object.get(key) instanceof List<?> list ? list : List.of();
  }

  private static Map<String, Object> readObject(JsonParser parser) throws IOException {
    Map<String, Object> object = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      object.put(name, readValue(parser));
    }
    return object;
  }

  private static List<Object> readArray(JsonParser parser) throws IOException {
    List<Object> array = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      array.add(readValue(parser));
    }
    return array;
  }

  private static Object readValue(JsonParser parser) throws IOException {
    return switch (parser.currentToken()) {
      case START_OBJECT -> readObject(parser);
      case START_ARRAY -> readArray(parser);
      case VALUE_STRING -> parser.getText();
      case VALUE_NUMBER_INT -> parser.getNumberValue();
      case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      default -> throw new JsonParseException(parser, "unexpected " + parser.currentToken());
    };
  }

  private static void writeValue(JsonGenerator out, Object value) throws IOException {
    if (value == null) {
      out.writeNull();
    } else if (value instanceof String s) {
      out.writeString(s);
    } else if (value instanceof Boolean b) {
      out.writeBoolean(b);
    } else if (value instanceof Integer || value instanceof Long) {
      out.writeNumber(((Number) value).longValue());
    } else if (value instanceof Number n) {
      out.writeNumber(n.doubleValue());
    } else if (value instanceof Map<?, ?> map) {
      out.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.writeFieldName(String.valueOf(e.getKey()));
        writeValue(out, e.getValue());
      }
      out.writeEndObject();
    } else if (value instanceof Iterable<?> items) {
      out.writeStartArray();
      for (Object item : items) {
        writeValue(out, item);
      }
      out.writeEndArray();
    } else {
      throw new IllegalArgumentException(
          "cannot write a " + value.getClass().getSimpleName() + " as JSON");
    }
  }
}
