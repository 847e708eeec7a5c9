package dev.ferry.api;

import dev.ferry.engine.Violation;
import java.util.List;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/** An upload over the servlet's multipart limit is refused before any controller runs; it gets the same 400. */
@RestControllerAdvice
public class UploadLimits {

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException e) {
    return Problems.invalid("The transfer request", List.of(new Violation("file",
        "is over the upload limit (" + e.getMaxUploadSize() + " bytes; a Library accepts at most 2 GB per package)")));
  }
}
