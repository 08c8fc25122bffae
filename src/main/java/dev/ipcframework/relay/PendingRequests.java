package dev.ipcframework.relay;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * The bounded table of forwarded requests awaiting an answer, by forwarded id. Whoever removes an entry (the
 * answer, the timeout, a disconnect) settles it; removal is atomic, so each request is settled exactly once.
 */
final class PendingRequests {

	private final Map<String, PendingRequest> byId = new ConcurrentHashMap<>();

	private final AtomicInteger size = new AtomicInteger();

	private final int capacity;

	PendingRequests(int capacity) {
		this.capacity = capacity;
	}

	/** @return {@code false} when the table is full and the request was not added */
	boolean add(PendingRequest pending) {
		if (this.size.incrementAndGet() > this.capacity) {
			this.size.decrementAndGet();
			return false;
		}
		this.byId.put(pending.forwardedId(), pending);
		return true;
	}

	@Nullable PendingRequest peek(String forwardedId) {
		return this.byId.get(forwardedId);
	}

	/** Takes the entry out if it is still there; only the caller that gets it settles it. */
	@Nullable PendingRequest take(String forwardedId) {
		PendingRequest pending = this.byId.remove(forwardedId);
		if (pending != null) {
			this.size.decrementAndGet();
		}
		return pending;
	}

	/** Takes out every entry that matches. */
	List<PendingRequest> takeAll(Predicate<PendingRequest> match) {
		List<PendingRequest> taken = new ArrayList<>();
		for (PendingRequest pending : this.byId.values()) {
			if (match.test(pending) && take(pending.forwardedId()) != null) {
				taken.add(pending);
			}
		}
		return taken;
	}

	int size() {
		return this.size.get();
	}

}
