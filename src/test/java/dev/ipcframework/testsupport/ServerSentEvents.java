package dev.ipcframework.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a {@code text/event-stream} over real HTTP as a browser's {@code EventSource} would, one event at a time.
 */
public final class ServerSentEvents implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** One event: its name and its data parsed as JSON. */
	public record Event(String name, JsonNode data) {
	}

	private final HttpResponse<Stream<String>> response;

	private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

	private final Thread reader;

	private ServerSentEvents(HttpResponse<Stream<String>> response) {
		this.response = response;
		this.reader = new Thread(this::read, "sse-reader");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	/** Opens the stream with the given request headers; the caller checks the status. */
	public static ServerSentEvents open(URI uri, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
		headers.forEach(request::header);
		try {
			return new ServerSentEvents(
					HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofLines()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	public HttpResponse<Stream<String>> response() {
		return this.response;
	}

	private void read() {
		String name = "message";
		StringBuilder data = new StringBuilder();
		try (Stream<String> lines = this.response.body()) {
			for (String line : (Iterable<String>) lines::iterator) {
				if (line.isEmpty()) {
					if (!data.isEmpty()) {
						this.events.add(new Event(name, JSON.readTree(data.toString())));
					}
					name = "message";
					data.setLength(0);
				}
				else if (line.startsWith("event:")) {
					name = line.substring(6).trim();
				}
				else if (line.startsWith("data:")) {
					data.append(line.substring(5).stripLeading());
				}
			}
		}
		catch (RuntimeException ex) {
			// the stream was closed
		}
	}

	/** The next event that matches, failing after the wait; events before it are discarded. */
	public Event await(Predicate<Event> match, Duration wait) {
		long deadline = System.nanoTime() + wait.toNanos();
		try {
			while (true) {
				Event event = this.events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
				if (event == null) {
					throw new AssertionError("no matching event within " + wait);
				}
				if (match.test(event)) {
					return event;
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	public Event await(String name, Duration wait) {
		return await((event) -> event.name().equals(name), wait);
	}

	@Override
	public void close() {
		this.reader.interrupt();
		try {
			this.response.body().close();
		}
		catch (RuntimeException ex) {
			// already closed
		}
	}

}
