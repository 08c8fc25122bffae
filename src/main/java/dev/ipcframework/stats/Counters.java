package dev.ipcframework.stats;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Enum-keyed counter maps: one {@link LongAdder} per constant, created up front so the hot path never allocates.
 */
final class Counters {

	private Counters() {
	}

	static <K extends Enum<K>> Map<K, LongAdder> of(Class<K> keys) {
		Map<K, LongAdder> map = new EnumMap<>(keys);
		for (K key : keys.getEnumConstants()) {
			map.put(key, new LongAdder());
		}
		return map;
	}

	static <K extends Enum<K>> Map<K, Long> sums(Map<K, LongAdder> counters) {
		Map<K, Long> sums = new EnumMap<>(counters.keySet().iterator().next().getDeclaringClass());
		counters.forEach((key, counter) -> sums.put(key, counter.sum()));
		return sums;
	}

}
