package io.privatelink.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 extension behind {@link PrivateLinkSandbox}: starts a {@link DnsSandbox} before all
 * tests of a class, resolves parameters of type {@code DnsSandbox}, closes it after all tests. Use
 * the annotation; register this class directly only with {@code @ExtendWith} or
 * {@code @RegisterExtension} when composing your own annotation.
 *
 * <p>The sandbox lives in the class-level extension store. A nested test class looks it up through
 * its parents, so it shares its enclosing class's sandbox instead of starting another.
 */
public final class PrivateLinkSandboxExtension
    implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

  private static final Namespace NAMESPACE = Namespace.create(PrivateLinkSandboxExtension.class);
  private static final String KEY = "sandbox";

  /** Creates the extension; JUnit calls this. */
  public PrivateLinkSandboxExtension() {}

  @Override
  public void beforeAll(ExtensionContext context) {
    if (find(context) == null) {
      context.getStore(NAMESPACE).put(KEY, DnsSandbox.start());
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    // Only the context that started the sandbox closes it; a nested class leaves its parent's
    // alone.
    DnsSandbox own = context.getStore(NAMESPACE).remove(KEY, DnsSandbox.class);
    if (own != null) {
      own.close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == DnsSandbox.class;
  }

  @Override
  public DnsSandbox resolveParameter(ParameterContext parameter, ExtensionContext context) {
    DnsSandbox sandbox = find(context);
    if (sandbox == null) {
      throw new ParameterResolutionException(
          "no DnsSandbox for "
              + context.getDisplayName()
              + ": annotate the test class with "
              + "@PrivateLinkSandbox");
    }
    return sandbox;
  }

  private static DnsSandbox find(ExtensionContext context) {
    // Store lookups fall back to parent contexts: method -> class -> enclosing class.
    return context.getStore(NAMESPACE).get(KEY, DnsSandbox.class);
  }
}
