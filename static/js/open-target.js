// Opens the <details> that the address's #fragment points at (or sits in), on load and when the fragment
// changes, so that a link to #leg-model shows the model leg's facts. Without JavaScript the link still
// scrolls to the closed leg, which opens with a click. Our own code: served from our origin under the CSP.
(function () {
  "use strict";

  function openTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    var details = target && target.closest("details");
    if (!details || details.open) return;
    details.open = true;
    target.scrollIntoView();
  }

  // A click on a link to the fragment already in the address fires no hashchange.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest('a[href^="#"]');
    if (link && link.getAttribute("href") === window.location.hash) window.setTimeout(openTarget, 0);
  });
  window.addEventListener("hashchange", openTarget);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", openTarget);
  } else {
    openTarget();
  }
})();
