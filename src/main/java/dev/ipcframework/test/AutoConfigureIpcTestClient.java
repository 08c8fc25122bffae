package dev.ipcframework.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.ipcframework.connection.Transport;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.PropertyMapping;
import org.springframework.test.context.TestPropertySource;

/**
 * Adds an {@link IpcTestClient} bean to a test's application context, connected to the application's own IPC server,
 * and puts the TCP endpoint on a free port ({@code ipc.tcp.port=0}). {@link IpcTest @IpcTest} applies it; use it
 * directly with {@code @SpringBootTest} to test the whole application:
 *
 * <pre class="code">
 * &#64;SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
 * &#64;AutoConfigureIpcTestClient(transport = Transport.WEBSOCKET)
 * class ShopApplicationTests { &#64;Autowired IpcTestClient client; ... }
 * </pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
@PropertyMapping("ipc.test.client")
@TestPropertySource(properties = "ipc.tcp.port=0")
public @interface AutoConfigureIpcTestClient {

	/**
	 * The transport the client connects over; {@code WEBSOCKET} needs a web server on a port (with
	 * {@code @SpringBootTest}, {@code webEnvironment = RANDOM_PORT}).
	 * @return the transport
	 */
	Transport transport() default Transport.TCP;

}
