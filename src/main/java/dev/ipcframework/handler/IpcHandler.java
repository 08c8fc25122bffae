package dev.ipcframework.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.ipcframework.protocol.MessageType;

/**
 * Marks a bean method as the handler of one channel of one application.
 * <p>
 * A request handler's return value is the response payload; a {@code CompletableFuture} or a Reactor {@code Mono}
 * answers when it completes; {@code void} answers with a null payload; an exception answers with a
 * {@code HANDLER_ERROR} response, or with the code of an {@link dev.ipcframework.protocol.IpcException}.
 * <p>
 * Parameters are bound by type and annotation: the payload (an unannotated parameter, or {@code @Payload},
 * converted by Jackson to a record, POJO, {@code Map}, {@code JsonNode} or {@code String}, validated when
 * annotated {@code @Valid}); the {@link dev.ipcframework.protocol.IpcEnvelope}; the calling
 * {@link dev.ipcframework.connection.IpcConnection}; and {@code @Header} values named in {@link IpcHeaders}.
 *
 * <pre class="code">
 * &#64;IpcHandler(app = "web_api", channel = "users")
 * public User find(UserQuery query, IpcConnection caller) { ... }
 * </pre>
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface IpcHandler {

	/** The application id; property placeholders are resolved. */
	String app();

	/** The channel id; property placeholders are resolved. */
	String channel();

	/**
	 * The message type handled: {@code REQUEST} (answered), or {@code NOTIFICATION} or {@code PUBLISH} (one-way; a
	 * publish handler sees every publish on the channel besides its subscribers).
	 */
	MessageType type() default MessageType.REQUEST;

}
