console.log("portal asset");
