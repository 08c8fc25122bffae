package dev.ipcframework.routing;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The heap's room, as the JVM reports it after each garbage collection (a real one: {@link System#gc()}).
 */
class HeapHeadroomTests {

	private static final Duration REPORT_WAIT = Duration.ofSeconds(10);

	@Test
	void aHeapFullerAfterACollectionThanTheLimitIsShort() {
		// any JVM keeps more than a thousandth of a percent of its heap
		try (HeapHeadroom heap = new HeapHeadroom(0.001)) {
			assertThat(heap.isShort()).as("nothing collected yet").isFalse();

			System.gc();

			await().atMost(REPORT_WAIT).until(heap::isShort);
			assertThat(heap.describe()).contains("short of memory").contains("the limit is 0.001%");
		}
	}

	@Test
	void aHeapWithinTheLimitIsNotShort() throws InterruptedException {
		try (HeapHeadroom roomy = new HeapHeadroom(99.999); HeapHeadroom watching = new HeapHeadroom(0.001)) {
			System.gc();

			// once the collection's report has reached one listener, it has reached the other
			await().atMost(REPORT_WAIT).until(watching::isShort);
			assertThat(roomy.isShort()).isFalse();
		}
	}

	@Test
	void zeroTurnsTheCheckOff() {
		try (HeapHeadroom off = new HeapHeadroom(0); HeapHeadroom watching = new HeapHeadroom(0.001)) {
			System.gc();

			await().atMost(REPORT_WAIT).until(watching::isShort);
			assertThat(off.isShort()).isFalse();
		}
	}

}
