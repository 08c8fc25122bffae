package dev.ipcframework.test.shop;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An application that uses the library as its users do: handlers, a collaborator they need, a web controller and a
 * service of its own. The {@code @IpcTest} slice tests below are written against it.
 */
@SpringBootApplication
public class ShopApplication {

}
