package dev.ipcframework;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Runs the IPC server as a service. Everything it serves comes from the auto-configuration, which other Spring
 * applications get by adding the jar as a dependency.
 */
@SpringBootApplication
public class IpcFrameworkApplication {

	public static void main(String[] args) {
		SpringApplication.run(IpcFrameworkApplication.class, args);
	}

}
