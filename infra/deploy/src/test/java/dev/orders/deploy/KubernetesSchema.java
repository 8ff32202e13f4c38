package dev.orders.deploy;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;

/**
 * Validates objects against the Kubernetes API schema through the official Java client's models, which are
 * generated from Kubernetes' OpenAPI document: an unknown or misspelt field, a missing required field or a value of
 * the wrong type is an error. Custom resources (the Gateway API's HTTPRoute) are not in that schema.
 */
final class KubernetesSchema {

    private static final Map<String, Class<?>> MODELS = Map.of(
            "v1/ServiceAccount", V1ServiceAccount.class,
            "v1/ConfigMap", V1ConfigMap.class,
            "v1/Secret", V1Secret.class,
            "v1/Service", V1Service.class,
            "apps/v1/Deployment", V1Deployment.class,
            "apps/v1/StatefulSet", V1StatefulSet.class,
            "autoscaling/v2/HorizontalPodAutoscaler", V2HorizontalPodAutoscaler.class,
            "policy/v1/PodDisruptionBudget", V1PodDisruptionBudget.class,
            "networking.k8s.io/v1/NetworkPolicy", V1NetworkPolicy.class);

    /** Custom resources we use, whose definitions are not part of Kubernetes itself. */
    static final Map<String, String> CUSTOM = Map.of("gateway.networking.k8s.io/v1/HTTPRoute", "Gateway API");

    private KubernetesSchema() {
    }

    static boolean knows(Map<String, Object> object) {
        return MODELS.containsKey(type(object));
    }

    /** Null when the object is valid, else what is wrong with it. */
    static String problem(Map<String, Object> object) {
        Class<?> model = MODELS.get(type(object));
        if (model == null) {
            return "no schema for " + type(object);
        }
        JsonElement json = new Gson().toJsonTree(object);
        try {
            model.getMethod("validateJsonElement", JsonElement.class).invoke(null, json);
            // Typed values too: quantities, int-or-string ports, dates.
            JSON.getGson().fromJson(json, model);
            return null;
        } catch (InvocationTargetException e) {
            return e.getCause().getMessage();
        } catch (RuntimeException e) {
            return e.toString();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static String type(Map<String, Object> object) {
        return Nodes.string(object, "apiVersion") + "/" + Nodes.kind(object);
    }
}
