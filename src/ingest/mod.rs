pub mod error;
pub mod legacy;
pub mod load;
