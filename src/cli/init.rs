use super::InitArgs;
use crate::config::template;

pub fn run(args: &InitArgs) -> u8 {
    if args.path.exists() && !args.force {
        eprintln!("m365lint: {} already exists; use --force to overwrite it", args.path.display());
        return 2;
    }
    match std::fs::write(&args.path, template()) {
        Ok(()) => {
            println!("wrote {}", args.path.display());
            0
        }
        Err(error) => {
            eprintln!("m365lint: cannot write {}: {error}", args.path.display());
            2
        }
    }
}
