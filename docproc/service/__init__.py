"""The service: the pipeline's story functions, batches, dispatch, rq jobs, webhooks, reconciliation."""
