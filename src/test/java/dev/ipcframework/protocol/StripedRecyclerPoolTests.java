package dev.ipcframework.protocol;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.core.util.BufferRecycler;

import static org.assertj.core.api.Assertions.assertThat;

class StripedRecyclerPoolTests {

	@Test
	void aThreadGetsBackTheBuffersItGaveBack() {
		StripedRecyclerPool pool = new StripedRecyclerPool(8);
		BufferRecycler first = pool.acquireAndLinkPooled();
		first.releaseToPool();
		assertThat(pool.pooledCount()).isEqualTo(1);
		assertThat(pool.acquireAndLinkPooled()).isSameAs(first);
		assertThat(pool.pooledCount()).isZero();
	}

	@Test
	void buffersBeyondTheFreeSlotsAreDroppedAndTheRestKept() {
		StripedRecyclerPool pool = new StripedRecyclerPool(8);
		List<BufferRecycler> taken = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			taken.add(pool.acquireAndLinkPooled());
		}
		assertThat(taken).doesNotHaveDuplicates();
		taken.forEach(BufferRecycler::releaseToPool);
		// a thread gives back into three slots only: the pool stays small whatever a burst allocated
		assertThat(pool.pooledCount()).isEqualTo(3);
		assertThat(pool.clear()).isTrue();
		assertThat(pool.pooledCount()).isZero();
	}

}
