package dev.orders.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes' strategic merge, as far as our patches need it: maps merge key by key, a null removes a key, lists
 * whose items all have a {@code name} merge item by item on it (containers, env, volumes, ports), other lists are
 * replaced.
 */
final class StrategicMerge {

    private StrategicMerge() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> patch) {
        Map<String, Object> result = new LinkedHashMap<>(base);
        patch.forEach((key, value) -> {
            Object current = result.get(key);
            if (value == null) {
                result.remove(key);
            } else if (current instanceof Map<?, ?> currentMap && value instanceof Map<?, ?> patchMap) {
                result.put(key, merge((Map<String, Object>) currentMap, (Map<String, Object>) patchMap));
            } else if (current instanceof List<?> currentList && value instanceof List<?> patchList
                    && named(currentList) && named(patchList)) {
                result.put(key, mergeByName((List<Object>) currentList, (List<Object>) patchList));
            } else {
                result.put(key, value);
            }
        });
        return result;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> mergeByName(List<Object> base, List<Object> patch) {
        List<Object> result = new ArrayList<>(base);
        for (Object item : patch) {
            Map<String, Object> patchItem = (Map<String, Object>) item;
            int index = -1;
            for (int i = 0; i < result.size(); i++) {
                if (((Map<String, Object>) result.get(i)).get("name").equals(patchItem.get("name"))) {
                    index = i;
                }
            }
            if (index < 0) {
                result.add(patchItem);
            } else {
                result.set(index, merge((Map<String, Object>) result.get(index), patchItem));
            }
        }
        return result;
    }

    private static boolean named(List<?> list) {
        return !list.isEmpty() && list.stream().allMatch(item -> item instanceof Map<?, ?> map
                && map.get("name") != null);
    }
}
