package dev.ipcframework.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * What a platform thread that waits costs this JVM, without the server: the floor under a TCP connection on Java 17,
 * where the server reads each connection on a platform thread of its own. Starts threads in a pool shaped like the
 * server's reading pool (no core threads, a {@link SynchronousQueue}, so each task starts a thread), each of which
 * waits until the end, and prints the rate at which they started and the growth of the process's resident memory
 * per thread.
 * <p>
 * Run: {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.ipcframework.bench.PlatformThreadCost [-Dexec.args="<threads>"]}, or with another JVM:
 * {@code <java> -cp target/test-classes dev.ipcframework.bench.PlatformThreadCost 10000}.
 */
public final class PlatformThreadCost {

	private PlatformThreadCost() {
	}

	public static void main(String[] args) throws Exception {
		int threads = (args.length > 0) ? Integer.parseInt(args[0]) : 10_000;
		ThreadPoolExecutor pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
				new SynchronousQueue<>(), (task) -> {
					Thread thread = new Thread(task);
					thread.setDaemon(true);
					return thread;
				});
		CountDownLatch end = new CountDownLatch(1);
		CountDownLatch started = new CountDownLatch(threads);
		long rssBefore = residentBytes();
		long start = System.nanoTime();
		for (int i = 0; i < threads; i++) {
			pool.execute(() -> {
				started.countDown();
				awaitQuietly(end);
			});
		}
		started.await();
		double seconds = (System.nanoTime() - start) / 1e9;
		// let the threads settle in their wait before reading the memory
		Thread.sleep(1_000);
		long rssAfter = residentBytes();
		System.out.printf("%s: %,d threads started in %.2f s (%,.0f/s), resident memory +%.1f KiB per thread%n",
				Runtime.version(), threads, seconds, threads / seconds, (rssAfter - rssBefore) / 1024.0 / threads);
		end.countDown();
		pool.shutdown();
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static long residentBytes() throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
			}
		}
		throw new IOException("no VmRSS in /proc/self/status (not Linux?)");
	}

}
