package dev.ferry.simulator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

/** The logged-in user as a Library record names it: {@code {"id": <32 hex>, "name": <login>}}. */
record Creator(String username) {

  ObjectNode json() {
    ObjectNode creator = JsonNodeFactory.instance.objectNode();
    // A stable id per user, as a real user object has.
    String id = UUID.nameUUIDFromBytes(username.getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
    creator.put("id", id.toUpperCase(Locale.ROOT));
    creator.put("name", username);
    return creator;
  }
}
