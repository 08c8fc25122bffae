package dev.ipcframework.bench.natscompare;

import java.util.ArrayList;
import java.util.List;

/**
 * A request/response run's shape: connections, each with as many requests in flight.
 */
record RequestShape(int connections, int inFlight) {

	/** From this many connections on, a run comes after the fan-out runs (see NatsComparisonBenchmark). */
	private static final int MANY_CONNECTIONS = 100;

	RequestShape {
		if (connections < 1 || inFlight < 1) {
			throw new IllegalArgumentException("a shape needs at least 1 connection and 1 request in flight");
		}
	}

	/** {@code 16x32,256x1}: connections x requests in flight, comma-separated. */
	static List<RequestShape> parseList(String list) {
		List<RequestShape> shapes = new ArrayList<>();
		for (String shape : list.split(",")) {
			String[] parts = shape.trim().split("[x×]");
			if (parts.length != 2) {
				throw new IllegalArgumentException("--shapes takes CONNECTIONSxIN_FLIGHT, e.g. 16x32: " + shape);
			}
			shapes.add(new RequestShape(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())));
		}
		return List.copyOf(shapes);
	}

	boolean manyConnections() {
		return this.connections >= MANY_CONNECTIONS;
	}

	int[] asArray() {
		return new int[] { this.connections, this.inFlight };
	}

}
