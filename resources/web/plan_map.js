// The map page's side of the bridge to Python (desktop/map_view.py), over QWebChannel.
// The page sends feature ids, the cursor position and the view; Python calls the PlanMap functions.
// Feature names are data: they reach the DOM only through textContent, never as markup.
(function () {
  'use strict';

  var PlanMap = {};
  var map = null;
  var data = null;
  var py = null;
  var overlays = {};       // layer name -> L.GeoJSON
  var featureLayer = {};   // feature id -> the map layer drawing it
  var layerOfFeature = {}; // feature id -> layer name
  var opacity = {};        // layer name -> 0..1
  var visible = {};        // layer name -> bool
  var selectedId = null;
  var tiles = null;
  var land = null;
  var labels = null;
  var layerLabels = {};     // layer name -> L.LayerGroup of the labels a user's style asks for
  var offlineBasemap = true;
  var pending = [];

  function send(method) {
    var args = Array.prototype.slice.call(arguments, 1);
    if (py) { py[method].apply(py, args); } else { pending.push([method, args]); }
  }

  function styleOf(name, props, highlighted) {
    var styles = data.styles[name] || data.styles[Object.keys(data.styles)[0]];
    var s = styles.kinds[props.kind] || styles.base;
    var op = opacity[name] === undefined ? 1 : opacity[name];
    var fillOpacity = s.fill ? s.fillOpacity : 0;
    if (!offlineBasemap && data.basemapLayers.indexOf(name) >= 0) { fillOpacity = 0; }
    var style = {
      color: s.stroke, weight: s.width, opacity: op,
      fillColor: s.fill || s.stroke, fillOpacity: fillOpacity * op,
      dashArray: props.accuracy === 'schematic' ? data.schematicDash : null
    };
    if (highlighted) {
      style.color = data.highlight; style.weight = s.width + 3; style.opacity = 1;
      style.fillOpacity = Math.max(style.fillOpacity, 0.35); style.fillColor = data.highlight;
      if (data.basemapLayers.indexOf(name) >= 0) { style.fillOpacity = 0.15; }
    }
    return style;
  }

  function buildOverlay(name, collection) {
    var styles = data.styles[name];
    var radius = styles ? styles.base.radius : 5;
    var renderer = L.canvas({pane: 'overlayPane', tolerance: 4});
    var layer = L.geoJSON(collection, {
      renderer: renderer,
      interactive: false,
      style: function (feature) { return styleOf(name, feature.properties, false); },
      pointToLayer: function (feature, latlng) {
        return L.circleMarker(latlng, {radius: radius, renderer: renderer, interactive: false});
      },
      onEachFeature: function (feature, sub) {
        featureLayer[feature.properties.id] = sub;
        layerOfFeature[feature.properties.id] = name;
      }
    });
    return layer;
  }

  function buildAll(collections) {
    data.layers.forEach(function (spec) {
      var name = spec.name;
      if (overlays[name]) { map.removeLayer(overlays[name]); }
      overlays[name] = buildOverlay(name, collections[name] || {type: 'FeatureCollection', features: []});
      if (visible[name] !== false) { overlays[name].addTo(map); }
    });
    buildLand(collections);
    buildLayerLabels();
    if (selectedId) { highlight(selectedId, true); }
  }

  function buildLayerLabels() {
    Object.keys(layerLabels).forEach(function (name) { map.removeLayer(layerLabels[name]); });
    layerLabels = {};
    (data.featureLabels || []).forEach(function (label) {
      if (!layerLabels[label.layer]) { layerLabels[label.layer] = L.layerGroup(); }
      var span = document.createElement('span');
      span.className = 'plan-map-label plan-map-label-imported';
      span.textContent = label.name;
      var icon = L.divIcon({html: span, className: 'plan-map-label-icon', iconSize: null});
      L.marker([label.lat, label.lon], {icon: icon, interactive: false, keyboard: false, pane: 'labels'})
        .addTo(layerLabels[label.layer]);
    });
    Object.keys(layerLabels).forEach(function (name) {
      if (visible[name] !== false) { layerLabels[name].addTo(map); }
    });
  }

  function buildLand(collections) {
    if (land) { map.removeLayer(land); }
    var renderer = L.canvas({pane: 'land'});
    land = L.layerGroup();
    data.basemapLayers.forEach(function (name) {
      if (!collections[name]) { return; }
      L.geoJSON(collections[name], {
        renderer: renderer, interactive: false,
        style: function () { return {stroke: false, fillColor: data.land, fillOpacity: 1}; }
      }).addTo(land);
    });
    if (offlineBasemap) { land.addTo(map); }
  }

  function buildLabels() {
    labels = L.layerGroup();
    data.labels.forEach(function (label) {
      var span = document.createElement('span');
      span.className = 'plan-map-label plan-map-label-' + label.layer;
      span.textContent = label.name;
      var icon = L.divIcon({html: span, className: 'plan-map-label-icon', iconSize: null});
      L.marker([label.lat, label.lon], {icon: icon, interactive: false, keyboard: false, pane: 'labels'})
        .addTo(labels);
    });
    if (offlineBasemap) { labels.addTo(map); }
  }

  function highlight(id, on) {
    var sub = featureLayer[id];
    if (!sub) { return; }
    var name = layerOfFeature[id];
    sub.setStyle(styleOf(name, sub.feature.properties, on));
    if (on && sub.bringToFront) { sub.bringToFront(); }
  }

  function hits(e) {
    var found = [];
    var order = data.layers.map(function (spec) { return spec.name; }).reverse();
    order.forEach(function (name) {
      if (!overlays[name] || !map.hasLayer(overlays[name])) { return; }
      overlays[name].eachLayer(function (sub) {
        try {
          if (sub._containsPoint(e.layerPoint)) { found.push(sub.feature.properties.id); }
        } catch (err) { /* a layer not drawn yet cannot be under the cursor */ }
      });
    });
    return found;
  }

  function viewJson() {
    var size = map.getSize();
    var y = Math.round(size.y / 2);
    var a = map.containerPointToLatLng([0, y]);
    var b = map.containerPointToLatLng([size.x, y]);
    var mpp = size.x > 0 ? map.distance(a, b) / size.x : 0;
    var c = map.getCenter();
    return JSON.stringify({lat: c.lat, lon: c.lng, zoom: map.getZoom(), metresPerPixel: mpp,
                           width: size.x, height: size.y});
  }

  PlanMap.init = function (mapObject) {
    map = mapObject;
    data = JSON.parse(document.getElementById('plan-map-data').textContent);
    map.getContainer().style.background = data.sea;
    map.attributionControl.setPrefix(false);
    L.control.scale({imperial: false, maxWidth: 150}).addTo(map);
    map.createPane('land').style.zIndex = 250;
    map.createPane('labels').style.zIndex = 450;
    map.getPane('labels').style.pointerEvents = 'none';
    var css = document.createElement('style');
    css.textContent = '.plan-map-label-icon{background:none;border:none}' +
      '.plan-map-label{display:inline-block;transform:translate(-50%,-50%);white-space:nowrap;' +
      'font-size:13px;color:#333;text-shadow:0 0 3px #fff,0 0 3px #fff}' +
      '.plan-map-label-neighbours{color:#777;font-size:12px}';
    document.head.appendChild(css);
    data.layers.forEach(function (spec) { opacity[spec.name] = 1; visible[spec.name] = true; });
    buildAll(data.collections);
    buildLabels();
    map.on('click', function (e) { send('featuresClicked', JSON.stringify(hits(e))); });
    var moveQueued = null;
    map.on('mousemove', function (e) {
      moveQueued = e.latlng;
      window.requestAnimationFrame(function () {
        if (moveQueued) { send('cursorMoved', moveQueued.lng, moveQueued.lat); moveQueued = null; }
      });
    });
    map.on('moveend zoomend resize', function () { send('viewChanged', viewJson()); });
    if (typeof QWebChannel !== 'undefined' && typeof qt !== 'undefined') {
      new QWebChannel(qt.webChannelTransport, function (channel) {
        py = channel.objects.bridge;
        pending.forEach(function (call) { py[call[0]].apply(py, call[1]); });
        pending = [];
        window.planMapReady = true;
        py.pageReady(viewJson());
      });
    } else {
      window.planMapReady = true;
    }
  };

  PlanMap.setLayerVisible = function (name, on) {
    visible[name] = !!on;
    if (!overlays[name]) { return false; }
    if (on) { overlays[name].addTo(map); } else { map.removeLayer(overlays[name]); }
    if (layerLabels[name]) {
      if (on) { layerLabels[name].addTo(map); } else { map.removeLayer(layerLabels[name]); }
    }
    return true;
  };

  PlanMap.setLayerOpacity = function (name, value) {
    opacity[name] = Math.max(0, Math.min(1, Number(value)));
    if (!overlays[name]) { return false; }
    overlays[name].eachLayer(function (sub) {
      sub.setStyle(styleOf(name, sub.feature.properties, sub.feature.properties.id === selectedId));
    });
    return true;
  };

  PlanMap.selectFeature = function (id, zoom) {
    if (selectedId && selectedId !== id) { highlight(selectedId, false); }
    selectedId = featureLayer[id] ? id : null;
    if (!selectedId) { return false; }
    highlight(id, true);
    if (zoom) {
      var sub = featureLayer[id];
      if (sub.getBounds) {
        map.fitBounds(sub.getBounds(), {maxZoom: 13, padding: [40, 40], animate: false});
      } else {
        map.setView(sub.getLatLng(), Math.max(map.getZoom(), 13), {animate: false});
      }
    }
    return true;
  };

  PlanMap.clearSelection = function () {
    if (selectedId) { highlight(selectedId, false); }
    selectedId = null;
  };

  PlanMap.zoomToLayer = function (name) {
    var layer = overlays[name];
    if (!layer || !layer.getBounds().isValid()) { return false; }
    map.fitBounds(layer.getBounds(), {padding: [20, 20], animate: false});
    return true;
  };

  // spec: {kind: 'offline'} or {kind: 'tiles', url, attribution, subdomains, maxZoom, tms}
  PlanMap.setBasemap = function (spec) {
    if (tiles) { map.removeLayer(tiles); tiles = null; }
    offlineBasemap = spec.kind === 'offline';
    if (offlineBasemap) {
      land.addTo(map); labels.addTo(map);
    } else {
      map.removeLayer(land); map.removeLayer(labels);
      var options = {attribution: spec.attribution || '', subdomains: spec.subdomains || 'abc',
                     maxZoom: spec.maxZoom || 18, pane: 'tilePane'};
      tiles = L.layerGroup([L.tileLayer(spec.url, options)]);
      if (spec.labelsUrl) { tiles.addLayer(L.tileLayer(spec.labelsUrl, L.extend({}, options, {attribution: ''}))); }
      tiles.addTo(map);
    }
    data.basemapLayers.forEach(function (name) { PlanMap.setLayerOpacity(name, opacity[name]); });
    return true;
  };

  // Replace the overlays' geometry (e.g. shifted to GCJ-02 for an AMap basemap), keeping the view state.
  PlanMap.setOverlayData = function (collections) {
    featureLayer = {}; layerOfFeature = {};
    buildAll(collections);
    return true;
  };

  PlanMap.setView = function (lat, lon, zoom) {
    map.setView([lat, lon], zoom, {animate: false});
    return viewJson();
  };

  PlanMap.getView = function () { return viewJson(); };

  // For tests and the benchmark: how many features each layer shows, and where a feature is on screen.
  PlanMap.visibleCounts = function () {
    var counts = {};
    Object.keys(overlays).forEach(function (name) {
      counts[name] = map.hasLayer(overlays[name]) ? overlays[name].getLayers().length : 0;
    });
    return JSON.stringify(counts);
  };

  PlanMap.pointOf = function (id) {
    var sub = featureLayer[id];
    if (!sub) { return 'null'; }
    var latlng = sub.getBounds ? sub.getCenter() : sub.getLatLng();
    var p = map.latLngToContainerPoint(latlng);
    return JSON.stringify({x: p.x, y: p.y, lat: latlng.lat, lon: latlng.lng});
  };

  PlanMap.selectedId = function () { return selectedId || ''; };

  PlanMap.labelTexts = function (name) {
    var texts = [];
    if (layerLabels[name]) {
      layerLabels[name].eachLayer(function (marker) { texts.push(marker.options.icon.options.html.textContent); });
    }
    return JSON.stringify(texts);
  };

  window.PlanMap = PlanMap;
}());
