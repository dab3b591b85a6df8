// The dashboard's map (app/mapcomponent.py): runs the Leaflet code Python sends, in the page.
//
// Streamlit (components v2) calls the default export with each script run's data, on the
// same element for as long as the map stays on the page. Leaflet's CSS and JavaScript load
// once, from the app itself, when the first map arrives. The base map's code (and the styles
// folium's elements need) goes in once per element and stays, so Leaflet keeps the reader's
// pan and zoom; the province layer's code is replaced only when it changed. The state sent
// back is what app/mapview.clicked_province reads: the clicked province's feature (its
// properties) and a click counter, so that clicking the same province again is a new click.
// It is sent once the map is drawn, which reruns the script (app/pageload.py), and on every
// click, at once.
let leaflet = null;

function load(url) {
    return new Promise((resolve, reject) => {
        const css = url.endsWith(".css");
        const element = document.createElement(css ? "link" : "script");
        if (css) {
            element.rel = "stylesheet";
            element.href = url;
        } else {
            element.src = url;
        }
        element.onload = resolve;
        element.onerror = () => reject(new Error(`The map could not load ${url}.`));
        document.head.appendChild(element);
    });
}

// Global code, as folium writes it: the layer's code refers to the base map's variables.
function run(code) {
    const script = document.createElement("script");
    script.textContent = code;
    document.head.appendChild(script).remove();
}

function draw(root, data, setStateValue) {
    const state = root.__nrfMap || (root.__nrfMap = {clicks: 0, clicked: null, sent: null});
    const report = () => {
        const value = {last_active_drawing: state.clicked, last_object_clicked_count: state.clicks};
        const text = JSON.stringify(value);
        if (text !== state.sent) {
            state.sent = text;
            setStateValue(data.state, value);
        }
    };
    if (!state.map) {
        root.insertAdjacentHTML("beforeend", data.styles);
        root.querySelector(`#${data.div}`).style.height = `${data.height}px`;
        run(data.script);
        state.map = window[data.div];
    }
    if (data.feature_group !== state.groupCode) {
        (state.groups || []).forEach((group) => state.map.removeLayer(group));
        window.feature_group = [];
        state.groupCode = data.feature_group;
        run(state.groupCode);
        state.groups = window.feature_group;
        state.groups.forEach((group) => group.on("click", (event) => {
            const shape = event.layer;
            if (!shape || !shape.feature) { return; }
            state.clicks += 1;
            state.clicked = {type: "Feature", properties: shape.feature.properties, geometry: null};
            report();
        }));
    }
    report();
}

export default function ({parentElement, data, setStateValue}) {
    leaflet = leaflet || Promise.all(data.assets.map(load));
    leaflet.then(() => draw(parentElement, data, setStateValue)).catch((error) => {
        parentElement.textContent = error.message;
        throw error;
    });
}
