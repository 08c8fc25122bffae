package dev.ipcframework.client;

/**
 * Answers the requests of a channel the client serves ({@link IpcClient#serve}). It receives the request's
 * payload, converted to {@code T} by Jackson, and returns the response payload: any value Jackson can write, or
 * a {@link java.util.concurrent.CompletionStage} of one. An exception (or a failed stage) is answered with an
 * error payload: the code of an {@link IpcClientException}, else {@code HANDLER_ERROR}.
 *
 * @param <T> the payload type
 */
@FunctionalInterface
public interface RequestHandler<T> {

	Object handle(T payload) throws Exception;

}
