package io.privatelink.spring.boot.autoconfigure;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.ServiceEndpoint;
import io.privatelink.spring.boot.PrivateLinkProperties;
import io.privatelink.spring.boot.PrivateLinkServices;
import io.privatelink.spring.boot.ServiceKind;
import java.util.Map;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers one {@link IGenericClient} bean per FHIR service under {@code privatelink.services},
 * qualified by the service name ({@code @Qualifier("records") IGenericClient records}), unless the
 * application already defines a bean of that bean name.
 */
class FhirClientRegistrar
    implements ImportBeanDefinitionRegistrar, EnvironmentAware, BeanFactoryAware {

  /** The bean name of the client of service {@code name}. */
  static String beanName(String name) {
    return "privateLinkFhirClient." + name;
  }

  // Set by Spring (EnvironmentAware, BeanFactoryAware) before it asks for any registration.
  @SuppressWarnings("NullAway.Init")
  private Environment environment;

  @SuppressWarnings("NullAway.Init")
  private BeanFactory beanFactory;

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void setBeanFactory(BeanFactory beanFactory) {
    this.beanFactory = beanFactory;
  }

  @Override
  public void registerBeanDefinitions(
      AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
    Map<String, PrivateLinkProperties.Service> services;
    try {
      services =
          Binder.get(environment)
              .bind(
                  "privatelink.services",
                  Bindable.mapOf(String.class, PrivateLinkProperties.Service.class))
              .orElse(Map.of());
    } catch (BindException e) {
      return; // binding PrivateLinkProperties reports it, naming the property
    }
    services.forEach(
        (name, service) -> {
          if (isFhir(service) && !registry.containsBeanDefinition(beanName(name))) {
            RootBeanDefinition client = new RootBeanDefinition(IGenericClient.class);
            client.setInstanceSupplier(
                () -> beanFactory.getBean(PrivateLinkFhirClients.class).client(name));
            client.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
            registry.registerBeanDefinition(beanName(name), client);
          }
        });
  }

  private static boolean isFhir(PrivateLinkProperties.Service service) {
    if (service.getKind() != null) {
      return service.getKind() == ServiceKind.FHIR;
    }
    if (service.getUrl() == null) {
      return false;
    }
    try {
      return PrivateLinkServices.kindOf(ServiceEndpoint.parse(service.getUrl()))
          == ServiceKind.FHIR;
    } catch (PrivateLinkException e) {
      return false; // a malformed URL fails startup in PrivateLinkServices, naming the property
    }
  }
}
