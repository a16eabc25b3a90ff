//! Pipedrive's official v1 spec as an oracle.
