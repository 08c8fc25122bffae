package dev.ipcframework.protocol;

import java.util.concurrent.atomic.AtomicReferenceArray;

import tools.jackson.core.util.BufferRecycler;
import tools.jackson.core.util.RecyclerPool;

/**
 * Jackson's buffers for parsers and generators, kept in a few slots that threads take and give back with one atomic
 * exchange each. Jackson's default pool is one concurrent deque that every reading thread of the server contends
 * for (measured at a tenth of the server's time under many small requests); a thread-local pool would keep buffers
 * for each of thousands of connection threads. A thread starts at its own slot, so it usually gets its own buffers
 * back; when three slots are empty it makes new buffers, and buffers that find no free slot are dropped.
 */
final class StripedRecyclerPool implements RecyclerPool<BufferRecycler> {

	private static final long serialVersionUID = 1L;

	private static final int PROBES = 3;

	private final AtomicReferenceArray<BufferRecycler> slots;

	private final int mask;

	StripedRecyclerPool(int minimumSlots) {
		int size = Integer.highestOneBit(Math.max(2, minimumSlots - 1)) << 1;
		this.slots = new AtomicReferenceArray<>(size);
		this.mask = size - 1;
	}

	/**
	 * Eight slots per processor: more than the threads that can use buffers at once, so that threads whose home
	 * slots are near one another seldom find all their probes empty and make new buffers (with four per processor
	 * and two probes, making buffers took 2% of the time of 16 reading threads on 2 cores).
	 */
	static StripedRecyclerPool forThisMachine() {
		return new StripedRecyclerPool(8 * Runtime.getRuntime().availableProcessors());
	}

	@Override
	public BufferRecycler acquirePooled() {
		int start = home();
		for (int i = 0; i < PROBES; i++) {
			BufferRecycler recycler = this.slots.getAndSet((start + i) & this.mask, null);
			if (recycler != null) {
				return recycler;
			}
		}
		return new BufferRecycler();
	}

	@Override
	public void releasePooled(BufferRecycler recycler) {
		int start = home();
		for (int i = 0; i < PROBES; i++) {
			if (this.slots.compareAndSet((start + i) & this.mask, null, recycler)) {
				return;
			}
		}
	}

	@Override
	public int pooledCount() {
		int count = 0;
		for (int i = 0; i < this.slots.length(); i++) {
			count += (this.slots.get(i) != null) ? 1 : 0;
		}
		return count;
	}

	@Override
	public boolean clear() {
		for (int i = 0; i < this.slots.length(); i++) {
			this.slots.set(i, null);
		}
		return true;
	}

	/** The thread's id, a field read; its identity hash can take a slow path when the thread object was locked. */
	@SuppressWarnings("deprecation") // Thread.threadId() is Java 19+
	private static int home() {
		long id = Thread.currentThread().getId();
		return (int) (id ^ (id >>> 32));
	}

}
