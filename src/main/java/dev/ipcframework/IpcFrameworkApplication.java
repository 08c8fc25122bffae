package dev.ipcframework;

import java.util.Map;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Runs the IPC server as a service. Everything it serves comes from the auto-configuration, which other Spring
 * applications get by adding the jar as a dependency.
 */
@SpringBootApplication
public class IpcFrameworkApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(IpcFrameworkApplication.class);
		// set here rather than in an application.yml inside the jar, which would leak into applications that use
		// the jar as a library
		application.setBannerMode(Banner.Mode.OFF);
		application.setDefaultProperties(Map.of("spring.application.name", "ipc-framework"));
		application.run(args);
	}

}
