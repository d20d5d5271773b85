// Renders /openapi.json as a readable page, with no network access beyond this service.
"use strict";
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}
function resolve(doc, schema) {
  if (schema && schema.$ref) return doc.components.schemas[schema.$ref.split("/").pop()];
  return schema;
}
function schemaBlock(doc, label, schema) {
  const d = el("details", {}, el("summary", {}, label));
  d.append(el("pre", {}, JSON.stringify(resolve(doc, schema), null, 2)));
  return d;
}
fetch("/openapi.json").then(r => r.json()).then(doc => {
  document.getElementById("title").textContent = doc.info.title;
  document.getElementById("description").textContent = doc.info.description || "";
  const main = document.getElementById("paths");
  main.textContent = "";
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const s = el("section", {}, el("span", {class: "method " + method}, method), " ", el("code", {}, path),
                   el("p", {}, op.summary || ""));
      if (op.parameters) {
        const t = el("table", {}, el("tr", {}, el("th", {}, "parameter"), el("th", {}, "in"), el("th", {}, "schema")));
        for (const p of op.parameters) t.append(el("tr", {}, el("td", {}, p.name), el("td", {}, p.in), el("td", {}, JSON.stringify(p.schema))));
        s.append(t);
      }
      const body = op.requestBody && op.requestBody.content["application/json"];
      if (body) s.append(schemaBlock(doc, "request body", body.schema));
      for (const [code, resp] of Object.entries(op.responses)) {
        const content = resp.content && Object.values(resp.content)[0];
        s.append(content ? schemaBlock(doc, code + " — " + resp.description, content.schema) : el("p", {}, code + " — " + resp.description));
      }
      main.append(s);
    }
  }
}).catch(err => { document.getElementById("paths").textContent = "Could not load /openapi.json: " + err; });
