package dev.ferry.access;

import java.util.HashSet;
import java.util.Set;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.webapp.impl.engine.EngineRestApplication;
import org.glassfish.jersey.servlet.ServletContainer;
import org.glassfish.jersey.servlet.ServletProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The webapps' engine API ({@code /camunda/api/engine}), which Tasklist calls to submit a form, is
 * a Jersey application of its own, apart from {@code /engine-rest}: Ferry's answers to refused
 * completions must be registered there too, or Tasklist shows a 500 with Camunda's wrapped text.
 * Camunda's webapp initializer registers the servlet "Engine Api" only when no servlet of that
 * name exists, so this one, registered first, takes its place: Camunda's application plus
 * {@link CompletionRefusals}.
 */
@Configuration
@ConditionalOnProperty(prefix = "camunda.bpm.webapp", name = "enabled", matchIfMissing = true)
public class WebappEngineApi {

  /** The servlet name Camunda's {@code CamundaBpmWebappInitializer} looks for. */
  static final String SERVLET_NAME = "Engine Api";

  @Bean
  public ServletRegistrationBean<ServletContainer> webappEngineApiServlet(CamundaBpmProperties camunda) {
    ServletRegistrationBean<ServletContainer> registration = new ServletRegistrationBean<>(new ServletContainer(),
        camunda.getWebapp().getApplicationPath() + "/api/engine/*");
    registration.setName(SERVLET_NAME);
    registration.addInitParameter(ServletProperties.JAXRS_APPLICATION_CLASS, Application.class.getName());
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  /** Camunda's engine API for the webapps, answering refused completions as {@code /engine-rest} does. */
  public static class Application extends EngineRestApplication {
    @Override
    public Set<Class<?>> getClasses() {
      Set<Class<?>> classes = new HashSet<>(super.getClasses());
      classes.add(CompletionRefusals.InRestExceptions.class);
      classes.add(CompletionRefusals.InEngineExceptions.class);
      return classes;
    }
  }
}
