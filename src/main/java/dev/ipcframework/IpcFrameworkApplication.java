package dev.ipcframework;

import java.util.Map;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerPortFileWriter;

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
		String portFile = System.getenv("IPC_PORT_FILE");
		if (portFile != null && !portFile.isBlank()) {
			// the HTTP port as actually bound, for a container health check that cannot know how it was chosen
			application.addListeners(new WebServerPortFileWriter(portFile));
		}
		application.run(args);
	}

}
