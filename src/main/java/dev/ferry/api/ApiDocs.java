package dev.ferry.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Ferry REST API's OpenAPI document ({@code /v3/api-docs}) and its browsable UI
 * ({@code /swagger-ui/index.html}), for {@code /ferry/api/**} only (springdoc, see application.yml).
 * Both are open without a login: they describe the API and hold no data; every call they describe
 * needs HTTP Basic, which the UI's "Authorize" asks for.
 */
@Configuration
public class ApiDocs {

  @Bean
  public OpenAPI ferryApi() {
    return new OpenAPI()
        .info(new Info().title("Ferry REST API").version("1").description("Start MicroStrategy migrations, follow "
            + "them, decide as a user and read the outcome. Every call runs as the HTTP Basic user: the same users, "
            + "groups and rules as Tasklist (four eyes, the forms' rules). Refusals are application/problem+json."))
        .components(new Components().addSecuritySchemes("basic", new SecurityScheme()
            .type(SecurityScheme.Type.HTTP).scheme("basic")))
        .addSecurityItem(new SecurityRequirement().addList("basic"));
  }
}
