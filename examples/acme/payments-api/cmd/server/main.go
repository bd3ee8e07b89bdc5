package main

import (
	"log"
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"

	"github.com/acme/payments-api/internal/ledger"
)

func main() {
	shutdown := initTracing()
	defer shutdown()

	r := chi.NewRouter()
	r.Get("/healthz", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) })
	r.Get("/readyz", ledger.Ready)
	r.Handle("/metrics", promhttp.Handler())
	r.Post("/payments", ledger.CreatePayment)

	log.Fatal(http.ListenAndServe(":8080", otelhttp.NewHandler(r, "payments-api")))
}
