package dev.ipcframework.dashboard;

import java.io.IOException;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The feed over HTTP, next to the page: {@value #EVENTS} as server-sent events, {@value #STATE} as one JSON
 * document for a page that cannot keep an event stream open. Both carry what the {@code ipc} Actuator endpoint
 * reports, and so ask for the same credentials when security is on.
 */
@RestController
public class DashboardFeedController {

	/** The event stream. */
	public static final String EVENTS = "/ipc/dashboard/events";

	/** The history and the latest snapshot, polled. */
	public static final String STATE = "/ipc/dashboard/state";

	private final DashboardFeed feed;

	public DashboardFeedController(DashboardFeed feed) {
		this.feed = feed;
	}

	@GetMapping(path = EVENTS, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	public SseEmitter events() throws IOException {
		return this.feed.subscribe();
	}

	@GetMapping(path = STATE, produces = MediaType.APPLICATION_JSON_VALUE)
	public DashboardFeed.DashboardState state() {
		return this.feed.state();
	}

}
