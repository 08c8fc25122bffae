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

	@Test
	void oneYoungCollectionOverTheLimitIsNotYetAShortage() {
		// a young collection leaves the old generation's garbage, and one that found no room to copy into reports a
		// full heap just before the full collection that follows frees most of it
		long max = 1000;
		try (HeapHeadroom heap = new HeapHeadroom(90, max)) {
			heap.collected("end of minor GC", 1000);
			assertThat(heap.isShort()).isFalse();
			heap.collected("end of major GC", 410);
			assertThat(heap.isShort()).isFalse();

			heap.collected("end of minor GC", 950);
			heap.collected("end of minor GC", 950);
			assertThat(heap.isShort()).as("two young collections in a row over the limit").isTrue();
			heap.collected("end of minor GC", 960);
			assertThat(heap.isShort()).isTrue();
			heap.collected("end of minor GC", 500);
			assertThat(heap.isShort()).as("a young collection within the limit is proof of room").isFalse();
		}
	}

	@Test
	void oneCollectionOfTheWholeHeapOverTheLimitIsAShortage() {
		try (HeapHeadroom heap = new HeapHeadroom(90, 1000)) {
			heap.collected("end of major GC", 950);
			assertThat(heap.isShort()).isTrue();
			assertThat(heap.describe()).contains("95% of its heap");
			heap.collected("end of GC cycle", 300);
			assertThat(heap.isShort()).isFalse();
			// ZGC and Shenandoah collect the whole heap in each cycle
			heap.collected("end of GC cycle", 920);
			assertThat(heap.isShort()).isTrue();
		}
	}

}
