package dev.ferry.simulator;

import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.Field;
import org.apache.catalina.connector.Response;
import org.apache.catalina.connector.ResponseFacade;
import org.apache.coyote.ActionCode;

/**
 * Closes a request's connection at once, before anything of the answer is written: what a caller
 * sees when the network fails after the server acted. The Servlet API has no such call; Tomcat's
 * own ({@code CLOSE_NOW}, what it does after an unrecoverable error) is reached through its response.
 */
final class ConnectionDrop {

  private ConnectionDrop() {
  }

  static void drop(HttpServletResponse response) throws IOException {
    ServletResponse inner = response;
    while (inner instanceof ServletResponseWrapper wrapper) {
      inner = wrapper.getResponse();
    }
    if (!(inner instanceof ResponseFacade facade)) {
      throw new IOException("cannot drop the connection of a " + inner.getClass().getName()
          + ": lost answers are simulated on Tomcat only");
    }
    try {
      Field field = ResponseFacade.class.getDeclaredField("response");
      field.setAccessible(true);
      Response catalina = (Response) field.get(facade);
      catalina.getCoyoteResponse().action(ActionCode.CLOSE_NOW, null);
    } catch (ReflectiveOperationException e) {
      throw new IOException("cannot reach Tomcat's response to drop the connection", e);
    }
  }
}
