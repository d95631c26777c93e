-- The workflow limits of the ticket's policy an action was checked under
-- (helpdesk_domain::workflow::WorkflowLimits as JSON, given by the client):
-- the optimistic view replays the action under the same ones, and a retry
-- checks it again under them. NULL (actions written before): the defaults.
ALTER TABLE outbox ADD COLUMN limits TEXT;
