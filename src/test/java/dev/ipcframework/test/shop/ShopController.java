package dev.ipcframework.test.shop;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A web controller of the application, which an {@code @IpcTest} leaves out.
 */
@RestController
public class ShopController {

	@GetMapping("/shop")
	public String shop() {
		return "shop";
	}

}
