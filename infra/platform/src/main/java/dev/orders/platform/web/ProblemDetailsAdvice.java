package dev.orders.platform.web;

import dev.orders.api.error.ConflictException;
import dev.orders.api.error.ForbiddenException;
import dev.orders.api.error.IllegalTransitionException;
import dev.orders.api.error.InvalidRequestException;
import dev.orders.api.error.NotFoundException;
import dev.orders.api.error.OrdersException;
import dev.orders.platform.security.TooManyRequestsException;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;

/**
 * The one place where failures become RFC 9457 problem details. Messages are written for API clients and
 * never carry stack traces or class names; anything unexpected is logged and answered with a bare 500.
 * It runs before Boot's generic problem-details advice, which would answer with less helpful messages.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice
public class ProblemDetailsAdvice {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(OrdersException.class)
    public ResponseEntity<ProblemDetail> domain(OrdersException e) {
        HttpStatus status;
        if (e instanceof NotFoundException) {
            status = HttpStatus.NOT_FOUND;
        } else if (e instanceof IllegalTransitionException || e instanceof ConflictException) {
            status = HttpStatus.CONFLICT;
        } else if (e instanceof ForbiddenException) {
            status = HttpStatus.FORBIDDEN;
        } else if (e instanceof InvalidRequestException) {
            status = HttpStatus.UNPROCESSABLE_CONTENT;
        } else {
            status = HttpStatus.BAD_REQUEST;
        }
        return problem(status, e.code(), e.getMessage(), Map.of());
    }

    /** Wrong credentials, an invalid refresh token: the message names no account and no internals. */
    @ExceptionHandler(AuthenticationException.class)
    public ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException e) {
        return problem(HttpStatus.UNAUTHORIZED, "unauthorized", e.getMessage(), Map.of());
    }

    @ExceptionHandler(AccessDeniedException.class)
    public ResponseEntity<ProblemDetail> denied(AccessDeniedException e) {
        return problem(HttpStatus.FORBIDDEN, "forbidden", "Your roles do not allow this request", Map.of());
    }

    @ExceptionHandler(TooManyRequestsException.class)
    public ResponseEntity<ProblemDetail> tooMany(TooManyRequestsException e) {
        ResponseEntity<ProblemDetail> answer = problem(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", e.getMessage(),
                Map.of());
        return ResponseEntity.status(answer.getStatusCode())
                .header("Retry-After", Long.toString(e.retryAfterSeconds()))
                .body(answer.getBody());
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    public ResponseEntity<ProblemDetail> aggregateNotFound(AggregateNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "No such resource: " + e.getAggregateIdentifier(),
                Map.of());
    }

    /**
     * A race the command gateway's retries could not settle (many writers on one aggregate at once). Nothing was
     * written by this request; repeating it is safe.
     */
    @ExceptionHandler({ConcurrencyException.class, AggregateStreamCreationException.class})
    public ResponseEntity<ProblemDetail> concurrentUpdate(Exception e) {
        log.info("Lost a write race after the retries: {}", e.getMessage());
        ResponseEntity<ProblemDetail> answer = problem(HttpStatus.CONFLICT, "concurrent-update",
                "Another request changed this resource at the same time; repeat the request", Map.of());
        return ResponseEntity.status(answer.getStatusCode()).header("Retry-After", "1").body(answer.getBody());
    }

    @ExceptionHandler(WebExchangeBindException.class)
    public ResponseEntity<ProblemDetail> invalidBody(WebExchangeBindException e) {
        List<Map<String, String>> errors = e.getFieldErrors().stream()
                .map(error -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        String detail = errors.isEmpty() ? "The request is invalid"
                : errors.stream().map(error -> error.get("field") + " " + error.get("message"))
                        .reduce((a, b) -> a + "; " + b).orElseThrow();
        return problem(HttpStatus.BAD_REQUEST, "validation-failed", detail, Map.of("errors", errors));
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    public ResponseEntity<ProblemDetail> invalidParameters(HandlerMethodValidationException e) {
        List<String> messages = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> result.getMethodParameter().getParameterName() + " "
                                + error.getDefaultMessage()))
                .toList();
        return problem(HttpStatus.BAD_REQUEST, "validation-failed", String.join("; ", messages), Map.of());
    }

    @ExceptionHandler(ConstraintViolationException.class)
    public ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException e) {
        List<String> messages = e.getConstraintViolations().stream()
                .map(violation -> violation.getPropertyPath() + " " + violation.getMessage()).sorted().toList();
        return problem(HttpStatus.BAD_REQUEST, "validation-failed", String.join("; ", messages), Map.of());
    }

    @ExceptionHandler(ServerWebInputException.class)
    public ResponseEntity<ProblemDetail> unreadableInput(ServerWebInputException e) {
        return problem(HttpStatus.BAD_REQUEST, "malformed-request", describeInputError(e), Map.of());
    }

    @ExceptionHandler(ResponseStatusException.class)
    public ResponseEntity<ProblemDetail> status(ResponseStatusException e) {
        HttpStatusCode status = e.getStatusCode();
        String detail = e.getReason() != null ? e.getReason() : HttpStatus.valueOf(status.value()).getReasonPhrase();
        return problem(status, "http-" + status.value(), detail, Map.of());
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected failure while handling a request", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "The server could not complete the request", Map.of());
    }

    /** Names the offending JSON field instead of echoing parser internals. */
    static String describeInputError(ServerWebInputException e) {
        boolean decoding = false;
        // The parser's exception, which knows the JSON path, sits below the codec's wrapper.
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StreamReadException) {
                // Broken syntax rather than a wrong value: there is no field to name.
                return "The request body is not valid JSON";
            }
            if (t instanceof JacksonException json) {
                String path = jsonPath(json);
                return path.isEmpty() ? "The request body is not valid JSON"
                        : "Invalid or unreadable value at '" + path + "'";
            }
            decoding |= t instanceof DecodingException;
        }
        if (decoding) {
            return "The request body is not valid JSON";
        }
        String reason = e.getReason();
        return reason == null ? "The request could not be read" : reason;
    }

    private static String jsonPath(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatusCode status, String code, String detail,
                                                 Map<String, Object> properties) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setType(URI.create("urn:orders:problem:" + code));
        body.setTitle(HttpStatus.valueOf(status.value()).getReasonPhrase());
        properties.forEach(body::setProperty);
        return ResponseEntity.status(status).body(body);
    }
}
