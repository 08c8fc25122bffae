/**
 * Testing {@code @IpcHandler} beans over the real wire: the {@link dev.ipcframework.test.IpcTest @IpcTest}
 * slice, {@link dev.ipcframework.test.AutoConfigureIpcTestClient @AutoConfigureIpcTestClient} for
 * {@code @SpringBootTest}, and the {@link dev.ipcframework.test.IpcTestClient} both give a test. Needs
 * spring-boot-test and spring-test (optional dependencies of this jar).
 */
@NullMarked
package dev.ipcframework.test;

import org.jspecify.annotations.NullMarked;
