DROP INDEX IF EXISTS `runs_cluster_at_metrics_idx`;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `runs_cluster_at_id_metrics_idx` ON `cluster_runs` (`cluster_id`,`at`,`id`,`rtt_p95`,`ep_not_ready`);
