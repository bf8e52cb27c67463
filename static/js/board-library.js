// Our system-design shapes for the whiteboard's library: each a labelled shape sized so arrows bind
// to it. window.sdprepBoardLibrary(api) turns them into Excalidraw library items with the bundle's
// own skeleton converter.
(function () {
  "use strict";
  var W = 180, H = 80;
  var SHAPES = [
    { id: "client", label: "Client", type: "rectangle", color: "#e7f5ff", roundness: true },
    { id: "load-balancer", label: "Load balancer", type: "diamond", color: "#fff4e6", width: 200, height: 110 },
    { id: "api-gateway", label: "API gateway", type: "rectangle", color: "#f3f0ff" },
    { id: "service", label: "Service", type: "rectangle", color: "#ebfbee", roundness: true },
    { id: "cache", label: "Cache", type: "ellipse", color: "#fff0f6" },
    { id: "queue", label: "Queue / stream", type: "rectangle", color: "#fff9db", width: 240, height: 60 },
    { id: "database", label: "Database", type: "ellipse", color: "#e6fcf5", height: 100 },
    { id: "object-store", label: "Object store", type: "rectangle", color: "#f8f9fa", height: 100 },
    { id: "cdn", label: "CDN", type: "ellipse", color: "#e3fafc", width: 200 },
    { id: "search-index", label: "Search index", type: "rectangle", color: "#fff5f5", roundness: true },
    { id: "worker", label: "Worker", type: "rectangle", color: "#f4fce3", width: 160, height: 70 }
  ];

  function skeleton(shape) {
    var element = {
      type: shape.type, x: 0, y: 0, width: shape.width || W, height: shape.height || H,
      backgroundColor: shape.color, fillStyle: "solid", strokeColor: "#1e1e1e",
      label: { text: shape.label, fontSize: 18 }
    };
    if (shape.roundness) element.roundness = { type: 3 };
    return element;
  }

  window.sdprepBoardShapes = SHAPES;
  window.sdprepBoardLibrary = function (api) {
    return SHAPES.map(function (shape) {
      return {
        id: "sdprep-" + shape.id, status: "published", created: 1,
        name: shape.label,
        elements: api.convertToExcalidrawElements([skeleton(shape)], { regenerateIds: true })
      };
    });
  };
})();
