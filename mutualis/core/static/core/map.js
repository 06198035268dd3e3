/*
 * Mutualis map module (plain script, no build step, CSP-friendly).
 *
 * Initialises every element with the class "mutualis-map" found in the page,
 * and in content swapped in later by htmx. Requires Leaflet (window.L) and,
 * for point lists, Leaflet.markercluster, both loaded before this script.
 *
 * Data attributes read on the map container:
 *   data-contours-url      GeoJSON FeatureCollection of départements
 *                          (properties "code", "nom"), drawn as outlines.
 *   data-tile-url          optional tile URL template ({z}/{x}/{y}).
 *   data-tile-attribution  optional attribution HTML for the tile layer.
 *   data-points-url        optional JSON
 *                          {"count": N, "truncated": bool,
 *                           "points": [[lat, lon, finess, name, url], ...]}
 *   data-clusters-url      optional JSON of the directory search, asked again
 *                          as the user pans and zooms (debounced) with
 *                          "zoom" and "bbox" (west,south,east,north):
 *                          {"count": N, "truncated": bool, "zoom": z,
 *                           "clusters": [[lat, lon, n, s, w, n, e], ...],
 *                           "points": [[lat, lon, finess, name], ...],
 *                           "detail_url": ".../FINESS/",
 *                           "bounds": [[s, w], [n, e]] (first answer)}.
 *                          Clusters are computed by the server.
 *   data-lat, data-lon     optional single marker (establishment page).
 *   data-label             optional label of that single marker.
 *   data-zoom              optional zoom for a single marker (default 13).
 *   data-fit-max-zoom      optional closest zoom when fitting the points
 *                          (default 15; e.g. 8 keeps a département in view).
 *   data-status-target     optional id of an element receiving status text.
 *   data-leaflet-images    optional Leaflet default icon path
 *                          (e.g. "/static/vendor/leaflet/images/").
 *   data-aria-label        optional; used as aria-label when the container
 *                          has none (otherwise a French default is used).
 *   data-count-one,        optional wording of the status count, e.g.
 *   data-count-many        "lieu affiché" / "lieux affichés" (default: établissements).
 *   data-detail-prefix     optional prefix of the third point value in popups
 *                          (default "FINESS : "; empty to show the value alone).
 *   data-empty             optional message when there is no point.
 */
(function () {
  "use strict";

  // Metropolitan France, [[south, west], [north, east]].
  var FRANCE_BOUNDS = [[41.3, -5.2], [51.1, 9.6]];
  var SINGLE_MARKER_ZOOM = 13;
  var MAX_ZOOM = 18;
  // The closest a fit to the points goes, unless data-fit-max-zoom says otherwise.
  var FIT_MAX_ZOOM = 15;

  var MESSAGES = {
    loading: "Chargement de la carte\u2026",
    empty: "Aucun établissement géolocalisé pour cette recherche.",
    error: "La carte n'a pas pu être chargée.",
    contoursError: "Le fond de carte n'a pas pu être chargé.",
    missingLibrary: "La carte n'a pas pu être chargée.",
    defaultAriaLabel: "Carte des établissements",
    inViewOne: " établissement dans la zone affichée",
    inViewMany: " établissements dans la zone affichée",
    grouped: " ; activez un groupe pour zoomer dessus",
    clusterLabel: "établissements : zoomer sur ce groupe",
    singleAriaLabel: "Carte de localisation",
    finess: "FINESS\u00a0: "
  };

  var numberFormat = (window.Intl && Intl.NumberFormat)
    ? new Intl.NumberFormat("fr-FR")
    : { format: function (n) { return String(n); } };

  function formatCount(state, shown, total, truncated) {
    var text = numberFormat.format(shown) + " " + (shown > 1
      ? state.labels.many
      : state.labels.one);
    if (truncated && total > shown) {
      text += " sur " + numberFormat.format(total) +
        " (affinez la recherche pour les voir tous)";
    }
    return text;
  }

  function setStatus(state, text) {
    if (state.statusEl) {
      state.statusEl.textContent = text;
    }
  }

  function fetchJSON(url, signal) {
    return fetch(url, {
      credentials: "same-origin",
      headers: { "Accept": "application/json" },
      signal: signal
    }).then(function (response) {
      if (!response.ok) {
        throw new Error("HTTP " + response.status + " for " + url);
      }
      return response.json();
    });
  }

  function toNumber(value) {
    if (value === null || value === undefined || value === "") {
      return NaN;
    }
    return Number(value);
  }

  function isValidLatLon(lat, lon) {
    return isFinite(lat) && isFinite(lon) &&
      lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180;
  }

  // Only same-origin relative URLs and http(s) URLs are used as links.
  function safeHref(url) {
    if (typeof url !== "string" || url === "") {
      return null;
    }
    var a = document.createElement("a");
    a.href = url;
    return (a.protocol === "http:" || a.protocol === "https:") ? url : null;
  }

  // Popup content is built lazily (on open) with DOM APIs: no HTML injection.
  function pointPopup(point, prefix) {
    return function () {
      var container = document.createElement("div");
      container.className = "mutualis-map__popup";
      var name = point[3] ? String(point[3]) : String(point[2] || "");
      var href = safeHref(point[4]);
      var title = document.createElement(href ? "a" : "strong");
      if (href) {
        title.href = href;
      }
      title.textContent = name;
      container.appendChild(title);
      if (point[2]) {
        var finess = document.createElement("div");
        finess.textContent = prefix + String(point[2]);
        container.appendChild(finess);
      }
      return container;
    };
  }

  function textPopup(label) {
    return function () {
      var container = document.createElement("div");
      container.className = "mutualis-map__popup";
      container.textContent = label;
      return container;
    };
  }

  function drawContours(state, data) {
    var hasTiles = state.hasTiles;
    var layer = L.geoJSON(data, {
      interactive: true,
      style: {
        className: "mutualis-map__contour",
        color: "#5a5a5a",
        weight: 1,
        opacity: 0.8,
        fill: !hasTiles,
        fillColor: "#f7f5ef",
        fillOpacity: hasTiles ? 0 : 1
      },
      onEachFeature: function (feature, featureLayer) {
        var props = feature && feature.properties;
        if (props && props.nom) {
          var text = props.code ? props.nom + " (" + props.code + ")" : props.nom;
          featureLayer.bindTooltip(String(text), {
            sticky: true,
            direction: "top",
            className: "mutualis-map__tooltip"
          });
        }
      }
    });
    layer.addTo(state.map);
    layer.bringToBack();
    return layer;
  }

  function buildMarkers(points, prefix) {
    var markers = [];
    var bounds = L.latLngBounds([]);
    // Framing on overseas points too would shrink metropolitan France to a
    // few pixels: frame the metropolitan points when there are any.
    var metropole = L.latLngBounds(FRANCE_BOUNDS);
    var metropoleBounds = L.latLngBounds([]);
    for (var i = 0; i < points.length; i++) {
      var p = points[i];
      if (!p || p.length < 2) {
        continue;
      }
      var lat = toNumber(p[0]);
      var lon = toNumber(p[1]);
      if (!isValidLatLon(lat, lon)) {
        continue;
      }
      var name = p[3] ? String(p[3]) : String(p[2] || "");
      var marker = L.marker([lat, lon], { title: name, alt: name });
      marker.bindPopup(pointPopup(p, prefix));
      markers.push(marker);
      bounds.extend([lat, lon]);
      if (metropole.contains([lat, lon])) {
        metropoleBounds.extend([lat, lon]);
      }
    }
    return {
      markers: markers,
      bounds: metropoleBounds.isValid() ? metropoleBounds : bounds
    };
  }

  function fitTo(state, bounds) {
    if (bounds && bounds.isValid()) {
      var sw = bounds.getSouthWest();
      var ne = bounds.getNorthEast();
      if (sw.equals(ne)) {
        state.map.setView(sw, Math.min(state.zoom, state.fitMaxZoom));
      } else {
        state.map.fitBounds(bounds, { padding: [20, 20], maxZoom: state.fitMaxZoom });
      }
    } else {
      state.map.fitBounds(FRANCE_BOUNDS);
    }
  }

  // Resolves with the status text once every marker has been added
  // (chunked loading adds them asynchronously, a few hundred ms at a time).
  function showPoints(state, data) {
    var points = (data && Array.isArray(data.points)) ? data.points : [];
    var built = buildMarkers(points, state.labels.prefix);
    var shown = built.markers.length;
    var total = (data && typeof data.count === "number") ? data.count : shown;
    var truncated = !!(data && data.truncated);
    var message = shown === 0 ? state.labels.empty : formatCount(state, shown, total, truncated);

    if (state.singleLatLng) {
      built.bounds.extend(state.singleLatLng);
    }
    fitTo(state, built.bounds);

    return new Promise(function (resolve) {
      var group;
      if (typeof L.markerClusterGroup === "function") {
        // addTo() itself triggers an (empty) addLayers call and thus a
        // chunkProgress(0, 0): only our own addLayers call counts.
        var adding = false;
        group = L.markerClusterGroup({
          chunkedLoading: true,
          showCoverageOnHover: false,
          chunkProgress: function (processed, count) {
            if (adding && processed >= count) {
              adding = false;
              state.loadingMarkers = false;
              if (state.removed) {
                // destroyMap() was called while markers were being added;
                // markercluster still runs its final step after this callback.
                setTimeout(function () { state.map.remove(); }, 0);
              }
              resolve(message);
            }
          }
        });
        group.addTo(state.map);
        state.pointsLayer = group;
        adding = true;
        state.loadingMarkers = true;
        group.addLayers(built.markers);
      } else {
        if (window.console) {
          console.warn("mutualis-map: Leaflet.markercluster missing, markers are not clustered.");
        }
        group = L.featureGroup(built.markers).addTo(state.map);
        state.pointsLayer = group;
        resolve(message);
      }
    });
  }

  // ---- Server-side clusters (directory search) ----

  var VIEW_DEBOUNCE_MS = 300;

  function clusterSize(n) {
    return n < 100 ? "small" : (n < 1000 ? "medium" : "large");
  }

  function clusterMarker(state, cluster) {
    var n = cluster[2];
    var count = numberFormat.format(n);
    var label = count + " " + MESSAGES.clusterLabel;
    var html = document.createElement("div");
    var span = document.createElement("span");
    span.textContent = count;
    html.appendChild(span);
    var marker = L.marker([cluster[0], cluster[1]], {
      title: label,
      icon: L.divIcon({
        html: html,
        className: "marker-cluster marker-cluster-" + clusterSize(n) + " mutualis-map__cluster",
        // Wide enough for five digits on one line (markercluster's circles hold three).
        iconSize: L.point(Math.max(40, 16 + 8 * count.length), 40)
      })
    });
    marker.on("add", function () {
      var icon = marker.getElement();
      if (icon) {
        icon.setAttribute("aria-label", label);
      }
    });
    marker.on("click", function () {
      var bounds = L.latLngBounds([cluster[3], cluster[4]], [cluster[5], cluster[6]]);
      if (bounds.getSouthWest().equals(bounds.getNorthEast())) {
        state.map.setView(bounds.getCenter(), Math.max(state.map.getZoom() + 3, 15));
      } else {
        state.map.fitBounds(bounds, { padding: [30, 30], maxZoom: MAX_ZOOM });
      }
    });
    return marker;
  }

  function viewUrl(state, withBBox) {
    var zoom = Math.max(0, Math.min(MAX_ZOOM, Math.floor(state.map.getZoom())));
    var base = state.clustersUrl;
    var separator = base.indexOf("?") < 0 ? "?" : (/[?&]$/.test(base) ? "" : "&");
    var url = base + separator + "zoom=" + zoom;
    if (withBBox) {
      var b = state.map.getBounds().pad(0.1);
      var south = Math.max(-90, b.getSouth());
      var north = Math.min(90, b.getNorth());
      url += "&bbox=" + [b.getWest(), south, b.getEast(), north].map(function (v) {
        return v.toFixed(4);
      }).join(",");
    }
    return url;
  }

  // Replaces the markers with those of one server answer; returns the status text.
  function drawView(state, data) {
    var clusters = Array.isArray(data.clusters) ? data.clusters : [];
    var detail = typeof data.detail_url === "string" ? data.detail_url : "";
    var points = (Array.isArray(data.points) ? data.points : []).map(function (p) {
      return [p[0], p[1], p[2], p[3], detail ? detail.replace("FINESS", p[2]) : ""];
    });
    var markers = buildMarkers(points, state.labels.prefix).markers;
    clusters.forEach(function (cluster) {
      markers.push(clusterMarker(state, cluster));
    });
    if (state.pointsLayer) {
      state.map.removeLayer(state.pointsLayer);
    }
    // Individual points only: close or co-located ones are still grouped (and
    // spread out) in the browser; with server clusters, nothing is regrouped.
    var group;
    if (clusters.length === 0 && typeof L.markerClusterGroup === "function") {
      group = L.markerClusterGroup({ showCoverageOnHover: false });
      group.addLayers(markers);
    } else {
      group = L.layerGroup(markers);
    }
    group.addTo(state.map);
    state.pointsLayer = group;
    var count = typeof data.count === "number" ? data.count : markers.length;
    state.lastMessage = count === 0 ? state.labels.empty
      : numberFormat.format(count) + (count > 1 ? MESSAGES.inViewMany : MESSAGES.inViewOne) +
        (clusters.length ? MESSAGES.grouped : "") +
        (data.truncated ? " (" + numberFormat.format(points.length) + " montrés)" : "");
    return state.lastMessage;
  }

  function requestView(state) {
    if (state.removed) {
      return;
    }
    if (state.viewRequest) {
      state.viewRequest.abort();
    }
    var controller = window.AbortController ? new AbortController() : null;
    state.viewRequest = controller;
    state.el.setAttribute("aria-busy", "true");
    fetchJSON(viewUrl(state, true), controller && controller.signal).then(function (data) {
      if (!state.removed && state.viewRequest === controller) {
        setStatus(state, drawView(state, data));
      }
    }, function (err) {
      if (err && err.name === "AbortError") {
        return;
      }
      if (window.console) {
        console.error("mutualis-map: view not loaded", err);
      }
      setStatus(state, MESSAGES.error);
    }).then(function () {
      if (state.viewRequest === controller) {
        state.viewRequest = null;
        state.el.removeAttribute("aria-busy");
      }
    });
  }

  // First answer: the whole search at the current zoom, then framed on its
  // results; each later view change (framing included) asks for its own view.
  function startClusters(state) {
    return fetchJSON(viewUrl(state, false)).then(function (data) {
      if (state.removed) {
        return;
      }
      drawView(state, data);
      state.map.on("moveend", function () {
        clearTimeout(state.viewTimer);
        state.viewTimer = setTimeout(function () { requestView(state); }, VIEW_DEBOUNCE_MS);
      });
      if (Array.isArray(data.bounds)) {
        fitTo(state, L.latLngBounds(data.bounds));
      }
    });
  }

  function resolveImagePath(el) {
    var path = el.getAttribute("data-leaflet-images");
    if (path) {
      if (path.charAt(path.length - 1) !== "/") {
        path += "/";
      }
      // Leaflet builds icon URLs as imagePath + "marker-icon.png".
      L.Icon.Default.imagePath = path;
    }
  }

  // A container restored from htmx's history cache keeps the markup Leaflet
  // generated but not its JavaScript state: drop that markup before init.
  function removeStaleLeafletDom(el) {
    var children = Array.prototype.slice.call(el.children);
    children.forEach(function (child) {
      if (child.classList.contains("leaflet-pane") ||
          child.classList.contains("leaflet-control-container")) {
        el.removeChild(child);
      }
    });
    Array.prototype.slice.call(el.classList).forEach(function (cls) {
      if (cls.indexOf("leaflet-") === 0) {
        el.classList.remove(cls);
      }
    });
  }

  function initMap(el) {
    if (el._mutualisMap) {
      return;
    }
    removeStaleLeafletDom(el);
    var statusId = el.getAttribute("data-status-target");
    var state = {
      el: el,
      map: null,
      removed: false,
      hasTiles: false,
      singleLatLng: null,
      pointsLayer: null,
      statusEl: statusId ? document.getElementById(statusId) : null,
      labels: {
        one: el.getAttribute("data-count-one") || "établissement affiché",
        many: el.getAttribute("data-count-many") || "établissements affichés",
        prefix: el.hasAttribute("data-detail-prefix")
          ? el.getAttribute("data-detail-prefix")
          : MESSAGES.finess,
        empty: el.getAttribute("data-empty") || MESSAGES.empty
      }
    };

    if (!el.hasAttribute("role")) {
      el.setAttribute("role", "region");
    }

    if (!window.L || typeof L.map !== "function") {
      setStatus(state, MESSAGES.missingLibrary);
      if (window.console) {
        console.error("mutualis-map: Leaflet is not loaded.");
      }
      return;
    }

    resolveImagePath(el);

    var lat = toNumber(el.getAttribute("data-lat"));
    var lon = toNumber(el.getAttribute("data-lon"));
    var label = el.getAttribute("data-label") || "";
    if (isValidLatLon(lat, lon)) {
      state.singleLatLng = L.latLng(lat, lon);
    }
    var zoom = parseInt(el.getAttribute("data-zoom"), 10);
    state.zoom = (isFinite(zoom) && zoom >= 2 && zoom <= MAX_ZOOM) ? zoom : SINGLE_MARKER_ZOOM;
    var fitMaxZoom = parseInt(el.getAttribute("data-fit-max-zoom"), 10);
    state.fitMaxZoom = (isFinite(fitMaxZoom) && fitMaxZoom >= 2 && fitMaxZoom <= MAX_ZOOM)
      ? fitMaxZoom : FIT_MAX_ZOOM;

    if (!el.hasAttribute("aria-label") && !el.hasAttribute("aria-labelledby")) {
      var ariaLabel = el.getAttribute("data-aria-label") ||
        (state.singleLatLng
          ? MESSAGES.singleAriaLabel + (label ? "\u00a0: " + label : "")
          : MESSAGES.defaultAriaLabel);
      el.setAttribute("aria-label", ariaLabel);
    }

    // An explicit maxZoom is required by markercluster when no tile layer
    // (which would otherwise provide it) is configured.
    var map = L.map(el, {
      keyboard: true,
      minZoom: 2,
      maxZoom: MAX_ZOOM,
      zoomSnap: 0.5,
      worldCopyJump: false
    });
    state.map = map;
    el._mutualisMap = state;

    var tileUrl = el.getAttribute("data-tile-url");
    if (tileUrl) {
      state.hasTiles = true;
      L.tileLayer(tileUrl, {
        attribution: el.getAttribute("data-tile-attribution") || "",
        maxZoom: MAX_ZOOM
      }).addTo(map);
    }

    // Initial view, refined once data is loaded.
    if (state.singleLatLng) {
      map.setView(state.singleLatLng, state.zoom);
      var single = L.marker(state.singleLatLng, {
        title: label || MESSAGES.singleAriaLabel,
        alt: label || MESSAGES.singleAriaLabel
      }).addTo(map);
      if (label) {
        single.bindPopup(textPopup(label));
      }
    } else {
      map.fitBounds(FRANCE_BOUNDS);
    }

    var contoursUrl = el.getAttribute("data-contours-url");
    var pointsUrl = el.getAttribute("data-points-url");
    state.clustersUrl = el.getAttribute("data-clusters-url");
    if (!contoursUrl && !pointsUrl && !state.clustersUrl) {
      return;
    }

    setStatus(state, MESSAGES.loading);
    el.setAttribute("aria-busy", "true");

    var contoursFailed = false;
    var contoursPromise = contoursUrl
      ? fetchJSON(contoursUrl).then(function (data) {
        if (!state.removed) {
          drawContours(state, data);
        }
      }, function (err) {
        contoursFailed = true;
        if (window.console) {
          console.warn("mutualis-map: contours not loaded", err);
        }
      })
      : Promise.resolve();

    var pointsPromise = pointsUrl
      ? fetchJSON(pointsUrl).then(function (data) {
        return state.removed ? "" : showPoints(state, data);
      })
      : (state.clustersUrl ? startClusters(state) : Promise.resolve(""));

    Promise.all([contoursPromise, pointsPromise]).then(function (results) {
      if (state.removed) {
        return;
      }
      var message = (state.clustersUrl ? state.lastMessage : results[1]) || "";
      if (contoursFailed && !state.hasTiles) {
        message = message ? message + ". " + MESSAGES.contoursError : MESSAGES.contoursError;
      }
      setStatus(state, message);
      el.classList.remove("mutualis-map--error");
    }).catch(function (err) {
      if (state.removed) {
        return;
      }
      if (window.console) {
        console.error("mutualis-map: data not loaded", err);
      }
      setStatus(state, MESSAGES.error);
      el.classList.add("mutualis-map--error");
    }).then(function () {
      el.removeAttribute("aria-busy");
    });

    // Keep Leaflet's size in sync when the container is resized or revealed.
    if (window.ResizeObserver) {
      state.resizeObserver = new ResizeObserver(function () {
        if (!state.removed) {
          map.invalidateSize();
        }
      });
      state.resizeObserver.observe(el);
    }
  }

  function destroyMap(el) {
    var state = el && el._mutualisMap;
    if (!state) {
      return;
    }
    state.removed = true;
    clearTimeout(state.viewTimer);
    if (state.viewRequest) {
      state.viewRequest.abort();
    }
    if (state.resizeObserver) {
      state.resizeObserver.disconnect();
    }
    // Markercluster's chunked loading keeps running on timers and needs the
    // map: in that case the map is removed once the last chunk is added.
    if (!state.loadingMarkers) {
      state.map.remove();
    }
    delete el._mutualisMap;
  }

  function initAll(root) {
    root = root || document;
    if (root.nodeType === 1 && root.classList.contains("mutualis-map")) {
      initMap(root);
    }
    if (typeof root.querySelectorAll === "function") {
      var maps = root.querySelectorAll(".mutualis-map");
      for (var i = 0; i < maps.length; i++) {
        initMap(maps[i]);
      }
    }
  }

  // Initial page: always run once the DOM is ready (safe even if htmx has
  // already fired its initial load event before this script ran).
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { initAll(document); });
  } else {
    initAll(document);
  }

  // Content swapped in by htmx.
  if (window.htmx && typeof window.htmx.onLoad === "function") {
    window.htmx.onLoad(function (elt) { initAll(elt); });
    // Release Leaflet resources when htmx removes a map container.
    document.addEventListener("htmx:beforeCleanupElement", function (evt) {
      if (evt.target && evt.target._mutualisMap) {
        destroyMap(evt.target);
      }
    });
  }

  window.MutualisMap = { init: initAll, destroy: destroyMap };
})();
