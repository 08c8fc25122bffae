package dev.ipcframework.protocol;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import tools.jackson.core.util.BufferRecycler;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadRecyclerPoolTests {

	private final ThreadRecyclerPool pool = new ThreadRecyclerPool(new StripedRecyclerPool(8));

	@Test
	void aPlatformThreadKeepsItsOwnBuffersWithoutGivingThemBack() throws InterruptedException {
		BufferRecycler first = this.pool.acquireAndLinkPooled();
		assertThat(first.isLinkedWithPool()).isFalse();
		first.releaseToPool();

		assertThat(this.pool.acquireAndLinkPooled()).isSameAs(first);
		assertThat(this.pool.pooledCount()).isZero();
		AtomicReference<BufferRecycler> other = new AtomicReference<>();
		Thread thread = new Thread(() -> other.set(this.pool.acquireAndLinkPooled()));
		thread.start();
		thread.join();
		assertThat(other.get()).isNotNull().isNotSameAs(first);
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void aVirtualThreadSharesTheStripedPool() throws Exception {
		AtomicReference<BufferRecycler> taken = new AtomicReference<>();
		AtomicReference<Boolean> virtual = new AtomicReference<>();
		Thread thread = (Thread) Thread.class.getMethod("startVirtualThread", Runnable.class).invoke(null,
				(Runnable) () -> {
					virtual.set(ThreadRecyclerPool.isVirtual(Thread.currentThread()));
					BufferRecycler recycler = this.pool.acquireAndLinkPooled();
					taken.set(recycler);
					recycler.releaseToPool();
				});
		thread.join();

		assertThat(virtual.get()).isTrue();
		assertThat(ThreadRecyclerPool.isVirtual(Thread.currentThread())).isFalse();
		// given back to the shared pool, where a thread finds it again
		assertThat(this.pool.pooledCount()).isEqualTo(1);
		assertThat(taken.get().isLinkedWithPool()).isFalse();
	}

}
