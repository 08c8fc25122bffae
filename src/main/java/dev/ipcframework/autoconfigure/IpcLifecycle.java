package dev.ipcframework.autoconfigure;

import java.time.Duration;

import dev.ipcframework.routing.ConnectionDrainer;
import dev.ipcframework.routing.ConnectionSupervisor;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the connection checks with the context and drains the clients when it stops (SIGTERM, context close,
 * or a context paused by the test framework; a restart admits connections again). It stops first of all
 * lifecycles, so the transports and the web server still run while clients are told to leave and their requests
 * finish.
 */
class IpcLifecycle implements SmartLifecycle {

	private final ConnectionSupervisor supervisor;

	private final ConnectionDrainer drainer;

	private final ApplicationEventPublisher events;

	private final Duration drainTimeout;

	private volatile boolean running;

	private volatile boolean drained;

	public IpcLifecycle(ConnectionSupervisor supervisor, ConnectionDrainer drainer, ApplicationEventPublisher events,
			Duration drainTimeout) {
		this.supervisor = supervisor;
		this.drainer = drainer;
		this.events = events;
		this.drainTimeout = drainTimeout;
	}

	@Override
	public void start() {
		this.supervisor.start();
		if (this.drained) {
			// a restart after a stop: ready again (on first start Boot reports readiness itself once ready)
			AvailabilityChangeEvent.publish(this.events, this, ReadinessState.ACCEPTING_TRAFFIC);
			this.drained = false;
		}
		this.running = true;
	}

	@Override
	public void stop() {
		if (!this.running) {
			return;
		}
		AvailabilityChangeEvent.publish(this.events, this, ReadinessState.REFUSING_TRAFFIC);
		this.drainer.drain(this.drainTimeout);
		this.drained = true;
		this.supervisor.stop();
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return Integer.MAX_VALUE;
	}

}
