package dev.ipcframework.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.ipcframework.connection.Transport;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.autoconfigure.OverrideAutoConfiguration;
import org.springframework.boot.test.context.filter.annotation.TypeExcludeFilters;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.BootstrapWith;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * A test of {@link dev.ipcframework.handler.IpcHandler @IpcHandler} beans over the real wire: the IPC server on free
 * ports and an {@link IpcTestClient} connected to it, without the rest of the application.
 * <p>
 * Only the IPC auto-configuration is applied, and component scanning keeps only the handler beans named in
 * {@link #handlers()}, or every bean with an {@code @IpcHandler} method when none are named (as
 * {@code @WebMvcTest} does with controllers). Web MVC controllers, data sources, the dashboard and Actuator are not
 * started. The handlers' collaborators are mocked with {@code @MockitoBean} or added with {@code @Import}.
 * <p>
 * The TCP endpoint listens on a free port; with {@code transport = WEBSOCKET} a servlet web server is started on a
 * free port as well and the client connects over WebSocket.
 *
 * <pre class="code">
 * &#64;IpcTest(handlers = OrderHandlers.class)
 * class OrderHandlersTests {
 *
 *     &#64;Autowired IpcTestClient client;
 *
 *     &#64;MockitoBean InventoryService inventory;
 *
 *     &#64;Test
 *     void placesOrder() {
 *         OrderPlaced reply = client.app("shop").request("orders", new PlaceOrder("sku-1", 2), OrderPlaced.class);
 *         assertThat(reply.id()).isNotBlank();
 *     }
 * }
 * </pre>
 *
 * For a test of the whole application use {@code @SpringBootTest} with {@link AutoConfigureIpcTestClient}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@BootstrapWith(IpcTestContextBootstrapper.class)
@ExtendWith(SpringExtension.class)
@OverrideAutoConfiguration(enabled = false)
@TypeExcludeFilters(IpcTypeExcludeFilter.class)
@AutoConfigureIpcTestClient
@ImportAutoConfiguration
public @interface IpcTest {

	/**
	 * Properties in the form {@literal key=value} added to the environment before the test runs.
	 * @return the properties to add
	 */
	String[] properties() default {};

	/**
	 * Alias of {@link #handlers()}.
	 * @return the handler beans to test
	 */
	@AliasFor("handlers")
	Class<?>[] value() default {};

	/**
	 * The beans whose {@code @IpcHandler} methods are tested; when empty, every bean with an {@code @IpcHandler}
	 * method that component scanning finds.
	 * @return the handler beans to test
	 */
	@AliasFor("value")
	Class<?>[] handlers() default {};

	/**
	 * The transport the {@link IpcTestClient} connects over. {@code WEBSOCKET} also starts a web server on a free
	 * port.
	 * @return the transport
	 */
	@AliasFor(annotation = AutoConfigureIpcTestClient.class)
	Transport transport() default Transport.TCP;

	/**
	 * Whether the default filters apply to component scanning; when {@code false} only
	 * {@link #includeFilters()} decide.
	 * @return whether default filters are used
	 */
	boolean useDefaultFilters() default true;

	/**
	 * Filters that add beans component scanning would otherwise leave out.
	 * @return include filters to apply
	 */
	Filter[] includeFilters() default {};

	/**
	 * Filters that leave out beans component scanning would otherwise add.
	 * @return exclude filters to apply
	 */
	Filter[] excludeFilters() default {};

	/**
	 * Auto-configurations not to apply in this test.
	 * @return auto-configuration exclusions to apply
	 */
	@AliasFor(annotation = ImportAutoConfiguration.class, attribute = "exclude")
	Class<?>[] excludeAutoConfiguration() default {};

}
