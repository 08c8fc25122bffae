package dev.ipcframework.routing;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Whether the heap has room for more connections: not while what garbage collection leaves in the heap is above a
 * share of its maximum. Every connection holds its transport's buffers (a WebSocket session about 60 KiB of
 * them in Tomcat), so a flood of connections would otherwise end in an {@link OutOfMemoryError} that hurts every
 * connection already open. Reads what the JVM reports at the end of each collection, so asking costs nothing.
 * <p>
 * A young collection leaves the old generation's garbage in place (and one that runs out of room to copy into
 * reports a full heap, just before the full collection that follows it frees most of it), so one young collection
 * over the limit is not taken for a shortage: it takes two in a row, or one collection of the whole heap.
 */
public final class HeapHeadroom implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(HeapHeadroom.class);

	private final double maxPercent;

	private final long maxBytes;

	private final Set<String> heapPools;

	private final List<NotificationEmitter> collectors = new ArrayList<>();

	private final NotificationListener listener = this::collected;

	private volatile double percentAfterLastCollection;

	private volatile boolean isShort;

	/** Young collections in a row that left more than the limit; read and written by the JVM's notification thread. */
	private int youngCollectionsOver;

	/**
	 * @param maxPercent the share of the maximum heap, in percent, above which the heap is short; 0 or 100 and more
	 * never is
	 */
	public HeapHeadroom(double maxPercent) {
		this(maxPercent, Runtime.getRuntime().maxMemory());
		if (maxPercent > 0 && maxPercent < 100 && this.maxBytes > 0 && this.maxBytes != Long.MAX_VALUE) {
			for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
				if (collector instanceof NotificationEmitter emitter) {
					emitter.addNotificationListener(this.listener, null, null);
					this.collectors.add(emitter);
				}
			}
		}
	}

	/** Told of collections only through {@link #collected(String, long)}. */
	HeapHeadroom(double maxPercent, long maxBytes) {
		this.maxPercent = maxPercent;
		this.maxBytes = maxBytes;
		this.heapPools = ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter((pool) -> pool.getType() == MemoryType.HEAP)
			.map(MemoryPoolMXBean::getName)
			.collect(Collectors.toUnmodifiableSet());
	}

	/**
	 * Whether the heap is fuller than the limit after garbage collection: after the latest collection, when that
	 * collected the whole heap, or after each of the latest two young ones.
	 */
	public boolean isShort() {
		return this.isShort;
	}

	/** What the refusal of a connection says. */
	String describe() {
		return shortage() + "; reconnect later";
	}

	private String shortage() {
		return String.format(Locale.ROOT,
				"the server is short of memory: %.0f%% of its heap was in use after the latest garbage collection "
						+ "(the limit is %s%%)",
				this.percentAfterLastCollection, percent(this.maxPercent));
	}

	private void collected(Notification notification, Object handback) {
		if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
			return;
		}
		GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
			.from((CompositeData) notification.getUserData());
		// collections end "end of minor GC", "end of major GC" or "end of GC cycle"; the pauses of a concurrent
		// collector (ZGC: "end of GC pause", Shenandoah: "Final Mark", ...) fall inside its cycle, before it frees
		String action = info.getGcAction();
		if (!action.startsWith("end of") || action.contains("pause")) {
			return;
		}
		long used = 0;
		for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
			if (this.heapPools.contains(pool.getKey())) {
				used += pool.getValue().getUsed();
			}
		}
		collected(action, used);
	}

	/** A collection, named by its action, left {@code used} bytes of the heap in use. */
	void collected(String action, long used) {
		boolean wasShort = this.isShort;
		this.percentAfterLastCollection = used * 100.0 / this.maxBytes;
		boolean over = this.percentAfterLastCollection > this.maxPercent;
		boolean young = action.equals("end of minor GC");
		this.youngCollectionsOver = (over && young) ? this.youngCollectionsOver + 1 : 0;
		boolean isShort = over && (!young || this.youngCollectionsOver >= 2 || wasShort);
		this.isShort = isShort;
		if (isShort && !wasShort) {
			logger.warn(shortage() + "; new connections are refused");
		}
		else if (wasShort && !isShort) {
			logger.info(String.format(Locale.ROOT, "The heap has room again (%.0f%% in use after the latest garbage "
					+ "collection): new connections are admitted", this.percentAfterLastCollection));
		}
	}

	private static String percent(double value) {
		return (value == Math.rint(value)) ? String.valueOf((long) value) : String.valueOf(value);
	}

	@Override
	public void close() {
		for (NotificationEmitter collector : this.collectors) {
			try {
				collector.removeNotificationListener(this.listener);
			}
			catch (ListenerNotFoundException ex) {
				// not registered: nothing to remove
			}
		}
		this.collectors.clear();
	}

}
